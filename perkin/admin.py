from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from perkin import models as m
from perkin import services
from perkin.admin_base import FactAdmin, FactInline, ReasonForm
from perkin.locks import LockedPeriodError

admin.site.site_header = _("Perkin: administrasi")
admin.site.site_title = _("Perkin")
admin.site.index_title = _("Data perjanjian kinerja, anggaran dan laporan")


@admin.register(m.WorkUnit)
class WorkUnitAdmin(FactAdmin):
    list_display = ["code", "short_name", "name", "kind", "parent", "city", "is_synthetic"]
    list_filter = ["kind", "is_synthetic", "parent"]
    search_fields = ["code", "name", "short_name", "city"]
    list_select_related = ["parent"]


@admin.register(m.Team)
class TeamAdmin(FactAdmin):
    list_display = ["name", "unit"]
    list_filter = ["unit"]
    search_fields = ["name"]
    list_select_related = ["unit"]


@admin.register(m.UnitMembership)
class UnitMembershipAdmin(FactAdmin):
    list_display = ["user", "unit", "role", "team"]
    list_filter = ["role", "unit"]
    search_fields = ["user__username", "unit__code"]
    list_select_related = ["user", "unit", "team"]


class GoalInline(FactInline):
    model = m.Goal
    extra = 0


@admin.register(m.Agreement)
class AgreementAdmin(FactAdmin):
    list_display = ["unit", "year", "revision_no", "signed_on"]
    list_filter = ["year", "unit"]
    search_fields = ["unit__code", "unit__name"]
    inlines = [GoalInline]
    list_select_related = ["unit"]


@admin.register(m.Goal)
class GoalAdmin(FactAdmin):
    list_display = ["__str__", "agreement"]
    list_filter = ["agreement__year", "agreement__unit"]
    search_fields = ["text"]
    list_select_related = ["agreement__unit"]


class PlanInline(FactInline):
    model = m.ActionPlanStep
    extra = 0


@admin.register(m.Indicator)
class IndicatorAdmin(FactAdmin):
    list_display = ["code", "name", "target", "unit", "direction", "method", "team"]
    list_filter = ["method", "direction", "goal__agreement__year", "goal__agreement__unit"]
    search_fields = ["name", "definition"]
    list_select_related = ["goal", "team"]
    inlines = [PlanInline]


@admin.register(m.ActionPlanStep)
class ActionPlanStepAdmin(FactAdmin):
    list_display = ["indicator", "month", "interim_target_pct"]
    list_filter = ["month", "indicator__goal__agreement__year"]
    search_fields = ["planned_activities"]
    list_select_related = ["indicator__goal"]


class EvidenceInline(FactInline):
    model = m.Evidence
    extra = 0


@admin.register(m.MonthlyRealisation)
class MonthlyRealisationAdmin(FactAdmin):
    list_display = [
        "indicator",
        "month",
        "physical_pct",
        "value_to_date",
        "status",
        "version",
        "updated_by",
    ]
    list_filter = [
        "status",
        "month",
        "indicator__goal__agreement__year",
        "indicator__goal__agreement__unit",
    ]
    search_fields = ["activities_done", "indicator__name"]
    list_select_related = ["indicator__goal", "updated_by"]
    inlines = [EvidenceInline]


@admin.register(m.Evidence)
class EvidenceAdmin(FactAdmin):
    list_display = ["__str__", "realisation", "uploaded_by", "created_at"]
    search_fields = ["description", "url"]
    list_select_related = ["realisation__indicator__goal", "uploaded_by"]


@admin.register(m.QuarterNarrative)
class QuarterNarrativeAdmin(FactAdmin):
    list_display = ["indicator", "quarter"]
    list_filter = ["quarter"]
    search_fields = ["analysis", "obstacles", "recommendation"]
    list_select_related = ["indicator__goal"]


@admin.register(m.ReportText)
class ReportTextAdmin(FactAdmin):
    list_display = ["unit", "year", "quarter", "key"]
    list_filter = ["year", "quarter", "key"]
    search_fields = ["text"]
    list_select_related = ["unit"]


class QuarterLockForm(ReasonForm):
    """Locking and unlocking in the admin follow the services' rules: a quarter locks only
    when every month is approved, and unlocking always needs a reason."""

    class Meta:
        model = m.QuarterLock
        fields = ["unit", "year", "quarter", "locked", "reason"]

    def clean(self):
        data = super().clean()
        was_locked = bool(self.instance.pk and self.instance.locked)
        if was_locked and not data.get("locked") and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Alasan membuka kunci wajib diisi."))
        return data


@admin.register(m.QuarterLock)
class QuarterLockAdmin(FactAdmin):
    form = QuarterLockForm
    list_display = ["unit", "year", "quarter", "locked", "locked_by", "updated_at"]
    list_filter = ["locked", "year", "quarter"]
    list_select_related = ["unit", "locked_by"]

    def has_delete_permission(self, request, obj=None) -> bool:
        # deleting a lock would open the quarter without a reason: unlock instead
        return super().has_delete_permission(request, obj) and not (obj and obj.locked)

    def save_model(self, request, obj, form, change) -> None:
        was_locked = bool(change and m.QuarterLock.objects.filter(pk=obj.pk, locked=True).exists())
        try:
            if obj.locked and not was_locked:
                services.quarter_lock(
                    unit=obj.unit, year=obj.year, quarter=obj.quarter, user=request.user
                )
            elif was_locked and not obj.locked:
                services.quarter_unlock(
                    unit=obj.unit,
                    year=obj.year,
                    quarter=obj.quarter,
                    user=request.user,
                    reason=form.cleaned_data["reason"],
                )
            else:
                super().save_model(request, obj, form, change)
        except ValidationError as exc:
            raise LockedPeriodError(exc.messages[0]) from exc
        obj.refresh_from_db()

    def delete_queryset(self, request, queryset) -> None:
        if queryset.filter(locked=True).exists():
            raise LockedPeriodError(
                _("Kunci triwulan yang aktif dibuka dengan alasan, bukan dihapus.")
            )
        super().delete_queryset(request, queryset)


@admin.register(m.Measurement)
class MeasurementAdmin(FactAdmin):
    list_display = [
        "indicator",
        "company",
        "kind",
        "before_value",
        "after_value",
        "measure_unit",
        "stated_pct",
    ]
    list_filter = ["kind"]
    search_fields = ["company", "service"]
    list_select_related = ["indicator__goal"]


@admin.register(m.FacilitatedCompany)
class FacilitatedCompanyAdmin(FactAdmin):
    list_display = ["indicator", "company", "standard", "month"]
    list_filter = ["month"]
    search_fields = ["company", "standard"]
    list_select_related = ["indicator__goal"]


@admin.register(m.SurveyElementScore)
class SurveyElementScoreAdmin(FactAdmin):
    list_display = ["indicator", "month", "number", "element", "score"]
    list_filter = ["month"]
    search_fields = ["element"]
    list_select_related = ["indicator__goal"]


@admin.register(m.ServiceIndexAspect)
class ServiceIndexAspectAdmin(FactAdmin):
    list_display = ["indicator", "month", "number", "aspect", "index_value", "weight_pct"]
    list_filter = ["month"]
    search_fields = ["aspect"]
    list_select_related = ["indicator__goal"]


@admin.register(m.RatioObservation)
class RatioObservationAdmin(FactAdmin):
    list_display = ["indicator", "month", "numerator", "denominator", "stated_pct"]
    list_filter = ["month"]
    list_select_related = ["indicator__goal"]


class ComponentInline(FactInline):
    model = m.EvaluationComponent
    extra = 0


@admin.register(m.UnitEvaluation)
class UnitEvaluationAdmin(FactAdmin):
    list_display = ["unit", "year", "kind", "stated_total", "stated_category", "published_on"]
    list_filter = ["kind", "year"]
    search_fields = ["unit__code", "unit__name", "unit__short_name"]
    list_select_related = ["unit"]
    inlines = [ComponentInline]


@admin.register(m.EvaluationComponent)
class EvaluationComponentAdmin(FactAdmin):
    list_display = ["evaluation", "number", "name", "score", "max_score"]
    search_fields = ["name", "evaluation__unit__code"]
    list_select_related = ["evaluation__unit"]


@admin.register(m.Training)
class TrainingAdmin(FactAdmin):
    list_display = ["number", "name", "start", "end", "organiser", "participants", "unit"]
    list_filter = ["year", "unit"]
    search_fields = ["name", "organiser", "audience"]
    date_hierarchy = "start"
    list_select_related = ["unit"]


@admin.register(m.StaffComposition)
class StaffCompositionAdmin(FactAdmin):
    list_display = ["unit", "year", "dimension", "category", "count"]
    list_filter = ["dimension", "year"]
    list_select_related = ["unit"]


@admin.register(m.PublishedFigure)
class PublishedFigureAdmin(FactAdmin):
    list_display = ["unit", "year", "quarter", "key", "subject", "value", "source"]
    list_filter = ["key", "year", "quarter"]
    search_fields = ["subject", "source", "text"]
    list_select_related = ["unit"]


@admin.register(m.PriorYearIndicator)
class PriorYearIndicatorAdmin(FactAdmin):
    list_display = ["unit", "year", "quarter", "code", "realisation", "physical_pct", "source"]
    list_filter = ["year", "quarter"]
    search_fields = ["unit__code", "code"]
    list_select_related = ["unit"]


@admin.register(m.PriorYearTotals)
class PriorYearTotalsAdmin(FactAdmin):
    list_display = ["unit", "year", "quarter", "revenue", "service_outputs", "source"]
    list_filter = ["year", "quarter"]
    search_fields = ["unit__code"]
    list_select_related = ["unit"]


@admin.register(m.OrganisationChart)
class OrganisationChartAdmin(FactAdmin):
    """Uploaded on the setup page (type and size checked there); listed here."""

    list_display = ["unit", "year", "filename", "content_type", "uploaded_by", "updated_at"]
    search_fields = ["unit__code", "filename"]
    list_select_related = ["unit", "uploaded_by"]
    exclude = ["content"]
    readonly_fields = ["content_type", "filename", "uploaded_by"]

    def has_add_permission(self, request) -> bool:
        return False
