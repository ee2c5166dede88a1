"""Pages for the annual setup, supporting rows, narratives and report texts (the annual setup
workbook is perkin/entry/setup_workbook.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.forms import modelformset_factory
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from budget.models import BudgetRevision
from perkin import access, services
from perkin.access import Action
from perkin.entry import setup_tables as setup
from perkin.entry.navigation import setup_years
from perkin.locks import LockedPeriodError, hold_unit, refusal_for
from perkin.models import Indicator, WorkUnit


def _context(request: HttpRequest, unit: WorkUnit, year: int, table: setup.Table) -> setup.Context:
    ctx = setup.Context(unit=unit, year=year)
    if table.scope == "indicator":
        pk = request.GET.get("indikator") or request.POST.get("indikator")
        ctx.indicator = (
            Indicator.objects.filter(
                pk=pk if str(pk).isdigit() else 0,
                goal__agreement__unit=unit,
                goal__agreement__year=year,
            )
            .select_related("goal", "team")
            .first()
        )
        if ctx.indicator is None:
            raise Http404(_("Indikator tidak ditemukan."))
        access.require(
            access.can_edit_indicator(request.user, ctx.indicator, unit) or request.method == "GET"
        )
    elif table.scope == "revision":
        number = request.GET.get("revisi") or request.POST.get("revisi")
        ctx.revision = BudgetRevision.objects.filter(
            budget__unit=unit, budget__year=year, number=number if str(number).isdigit() else -1
        ).first()
        if ctx.revision is None:
            raise Http404(_("Revisi tidak ditemukan."))
    return ctx


@login_required
def setup_index(request: HttpRequest, code: str, year: int) -> HttpResponse:
    unit = access.unit_for(request.user, code, Action.OPEN_ENTRY)
    indicators = list(
        Indicator.objects.filter(goal__agreement__unit=unit, goal__agreement__year=year)
        .select_related("goal")
        .order_by("goal__number", "number")
    )
    revisions = list(
        BudgetRevision.objects.filter(budget__unit=unit, budget__year=year).order_by("number")
    )
    rows = [
        (
            ind,
            [
                setup.BY_SLUG[s]
                for s in ["rencana-aksi", *setup.INDICATOR_TABLES.get(ind.method, []), "narasi"]
            ],
        )
        for ind in indicators
    ]
    years = setup_years(unit)
    ctx = {
        "unit": unit,
        "year": year,
        "rows": rows,
        "revisions": revisions,
        "year_tables": [t for t in setup.TABLES if t.scope == "year"],
        "can_edit": access.can(request.user, Action.EDIT_SETUP, unit),
        "has_agreement": year in years,
        "next_year_exists": year + 1 in years,
        "years": sorted(years | {year}),
    }
    return render(request, "entry/setup_index.html", ctx)


@login_required
def setup_table(request: HttpRequest, code: str, year: int, slug: str) -> HttpResponse:
    """One table as an editable formset; saving is all or nothing."""
    unit = access.get_unit_for_user(request.user, code)
    table = setup.BY_SLUG.get(slug)
    if table is None:
        raise Http404
    access.require(access.can(request.user, Action.OPEN_ENTRY, unit))
    ctx = _context(request, unit, year, table)
    can_edit = access.can(request.user, Action.EDIT_SETUP, unit) or (
        table.scope == "indicator" and access.can_edit_indicator(request.user, ctx.indicator, unit)
    )
    FormSet = modelformset_factory(
        table.model, form=setup.form_class(table, ctx), extra=3, can_delete=True
    )
    status = 200
    state = setup.table_state(table, ctx)
    if request.method == "POST":
        access.require(can_edit)
        formset, status = _save_table(request, unit, table, ctx, FormSet)
        if status == 302:
            return redirect(request.get_full_path())
        state = request.POST.get("state", "")  # kept: the page still shows what was typed
    else:
        formset = FormSet(queryset=table.queryset(ctx), prefix="t")
    return render(
        request,
        "entry/setup_table.html",
        {
            "unit": unit,
            "year": year,
            "table": table,
            "formset": formset,
            "setup_ctx": ctx,
            "can_edit": can_edit,
            "state": state,
            "reason_max": 100,
            "read_only_reason": "" if can_edit else _read_only_reason(request.user, unit, table),
        },
        status=status,
    )


def _read_only_reason(user, unit: WorkUnit, table: setup.Table) -> str:
    """Why this user sees the table without inputs."""
    if table.scope == "indicator" and access.can(user, Action.ENTER_REALISATIONS, unit):
        return _(
            "Tabel ini milik indikator tim lain; Anda dapat mengubah data pendukung indikator "
            "tim Anda sendiri."
        )
    return _("Hanya perencana unit yang dapat mengubah tabel ini; halaman ini hanya untuk dibaca.")


def _save_table(request, unit, table, ctx, FormSet):
    """Validates and saves a table's formset while holding the unit; returns the formset to
    show and the status (302 when saved). The page carries the table's state as it was
    opened: if anyone changed, added or deleted one of its rows since, nothing is saved."""
    problems: list[str] = []
    status = 400
    formset = FormSet(request.POST, queryset=table.queryset(ctx), prefix="t")
    try:
        with transaction.atomic():
            hold_unit(unit.pk)
            if request.POST.get("state") != setup.table_state(table, ctx):
                problems.append(setup.changed_since_message(table, ctx))
                status = 409
            elif formset.is_valid():
                # a deletion is refused by the lock before any rule of the table
                problems += [
                    r for r in (refusal_for(f.instance) for f in formset.deleted_forms) if r
                ]
                rows = [
                    f.cleaned_data
                    for f in formset.forms
                    if f.cleaned_data and not f.cleaned_data.get("DELETE")
                ]
                if table.clean and not problems:
                    try:
                        table.clean(ctx, rows)
                    except ValidationError as exc:
                        problems += exc.messages
                saves = formset.save(commit=False) if not problems else []
                problems += _constraint_problems(table, saves)
                if not problems:
                    deletes = list(formset.deleted_objects)
                    try:
                        services.rows_save(
                            unit=unit,
                            saves=saves,
                            deletes=deletes,
                            user=request.user,
                            reason=request.POST.get("reason", "").strip(),
                        )
                    except IntegrityError:  # two new rows of the page that clash with each other
                        problems.append(
                            _(
                                "%(t)s: dua baris memiliki kunci yang sama (mis. nomor atau kode "
                                "yang sama); tidak ada yang disimpan."
                            )
                            % {"t": table.title}
                        )
                if not problems:
                    if saves or deletes:
                        messages.success(
                            request,
                            _("%(t)s: %(s)s baris disimpan, %(d)s dihapus.")
                            % {"t": table.title, "s": len(saves), "d": len(deletes)},
                        )
                    else:
                        messages.info(
                            request, _("%(t)s: tidak ada perubahan.") % {"t": table.title}
                        )
                    return formset, 302
            if problems:
                transaction.set_rollback(True)
    except LockedPeriodError as exc:
        problems.append(exc.messages[0])
        status = 409
    for p in problems:
        messages.error(request, p)
    if not problems:
        messages.error(request, _("Tidak ada yang disimpan: periksa isian yang ditandai."))
    return formset, status


def _constraint_problems(table, saves: list) -> list[str]:
    """The database's unique and check constraints of each row to save, checked against the
    stored rows before anything is written (the forms leave out the unit and the year, so
    Django's own uniqueness check cannot see them): a clash is a message, never a 500."""
    problems = []
    for obj in saves:
        try:
            obj.validate_constraints()
        except ValidationError as exc:
            problems += [f"{table.title}: {m}" for m in exc.messages]
    return problems
