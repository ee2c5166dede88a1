"""The admin of facts obeys the quarter lock like every other screen: a change to a row that
a locked report shows (or that would move a row into a locked period) is refused with the
lock's message by the model's clean(), such a row cannot be deleted (one by one or in bulk,
nor as an inline row), and every change is kept in the row's history with an optional
reason."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from perkin.locks import LockedPeriodError, refusal_for


def locked_refusal(obj) -> str | None:
    """Why the admin may not change or delete obj now, or None."""
    if obj is None or obj.pk is None or not callable(getattr(obj, "lock_period", None)):
        return None
    return refusal_for(obj)


class ReasonForm(forms.ModelForm):
    change_reason = forms.CharField(
        label=gettext_lazy("Alasan perubahan (dicatat di riwayat)"),
        required=False,
        max_length=100,
    )


class FactAdmin(SimpleHistoryAdmin):
    """Base of every admin of a fact model (and of units, teams, memberships)."""

    form = ReasonForm

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and not locked_refusal(obj)

    def save_model(self, request, obj, form, change) -> None:
        reason = form.cleaned_data.get("change_reason") if hasattr(form, "cleaned_data") else ""
        if reason:
            obj._change_reason = reason
        super().save_model(request, obj, form, change)

    def delete_queryset(self, request, queryset) -> None:
        """Bulk deletion is all or nothing: one row a locked report shows keeps them all."""
        refused = next((r for r in map(locked_refusal, queryset) if r), None)
        if refused:
            raise LockedPeriodError(refused)
        super().delete_queryset(request, queryset)

    def _refusing(self, view, request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except LockedPeriodError as exc:  # the admin's transaction is rolled back
            self.message_user(request, exc.messages[0], messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def changeform_view(self, request, *args, **kwargs):
        return self._refusing(super().changeform_view, request, *args, **kwargs)

    def delete_view(self, request, *args, **kwargs):
        return self._refusing(super().delete_view, request, *args, **kwargs)

    def changelist_view(self, request, *args, **kwargs):
        return self._refusing(super().changelist_view, request, *args, **kwargs)


class FactInline(admin.TabularInline):
    """Rows of a parent that a locked report shows cannot be deleted from the parent's page."""

    extra = 0

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and not locked_refusal(obj)
