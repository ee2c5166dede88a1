from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from perkin import models as m

admin.site.site_header = _("Perkin: administrasi")
admin.site.site_title = _("Perkin")
admin.site.index_title = _("Data perjanjian kinerja, anggaran dan laporan")


@admin.register(m.WorkUnit)
class WorkUnitAdmin(admin.ModelAdmin):
    list_display = ["code", "short_name", "name", "kind", "parent", "city", "is_synthetic"]
    list_filter = ["kind", "is_synthetic", "parent"]
    search_fields = ["code", "name", "short_name", "city"]
    list_select_related = ["parent"]


@admin.register(m.Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "unit"]
    list_filter = ["unit"]
    search_fields = ["name"]
    list_select_related = ["unit"]


@admin.register(m.UnitMembership)
class UnitMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "unit", "role", "team"]
    list_filter = ["role", "unit"]
    search_fields = ["user__username", "unit__code"]
    list_select_related = ["user", "unit", "team"]


class GoalInline(admin.TabularInline):
    model = m.Goal
    extra = 0


@admin.register(m.Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ["unit", "year", "revision_no", "signed_on"]
    list_filter = ["year", "unit"]
    search_fields = ["unit__code", "unit__name"]
    inlines = [GoalInline]
    list_select_related = ["unit"]


@admin.register(m.Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ["__str__", "agreement"]
    list_filter = ["agreement__year", "agreement__unit"]
    search_fields = ["text"]
    list_select_related = ["agreement__unit"]


class PlanInline(admin.TabularInline):
    model = m.ActionPlanStep
    extra = 0


@admin.register(m.Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "target", "unit", "direction", "method", "team"]
    list_filter = ["method", "direction", "goal__agreement__year", "goal__agreement__unit"]
    search_fields = ["name", "definition"]
    list_select_related = ["goal", "team"]
    inlines = [PlanInline]


@admin.register(m.ActionPlanStep)
class ActionPlanStepAdmin(admin.ModelAdmin):
    list_display = ["indicator", "month", "interim_target_pct"]
    list_filter = ["month", "indicator__goal__agreement__year"]
    search_fields = ["planned_activities"]
    list_select_related = ["indicator__goal"]


class EvidenceInline(admin.TabularInline):
    model = m.Evidence
    extra = 0


@admin.register(m.MonthlyRealisation)
class MonthlyRealisationAdmin(SimpleHistoryAdmin):
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
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ["__str__", "realisation", "uploaded_by", "created_at"]
    search_fields = ["description", "url"]
    list_select_related = ["realisation__indicator__goal", "uploaded_by"]


@admin.register(m.QuarterNarrative)
class QuarterNarrativeAdmin(admin.ModelAdmin):
    list_display = ["indicator", "quarter"]
    list_filter = ["quarter"]
    search_fields = ["analysis", "obstacles", "recommendation"]
    list_select_related = ["indicator__goal"]


@admin.register(m.ReportText)
class ReportTextAdmin(admin.ModelAdmin):
    list_display = ["unit", "year", "quarter", "key"]
    list_filter = ["year", "quarter", "key"]
    search_fields = ["text"]
    list_select_related = ["unit"]


@admin.register(m.QuarterLock)
class QuarterLockAdmin(SimpleHistoryAdmin):
    list_display = ["unit", "year", "quarter", "locked", "locked_by", "updated_at"]
    list_filter = ["locked", "year", "quarter"]
    list_select_related = ["unit", "locked_by"]


@admin.register(m.Measurement)
class MeasurementAdmin(admin.ModelAdmin):
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
class FacilitatedCompanyAdmin(admin.ModelAdmin):
    list_display = ["indicator", "company", "standard", "month"]
    list_filter = ["month"]
    search_fields = ["company", "standard"]
    list_select_related = ["indicator__goal"]


@admin.register(m.SurveyElementScore)
class SurveyElementScoreAdmin(admin.ModelAdmin):
    list_display = ["indicator", "month", "number", "element", "score"]
    list_filter = ["month"]
    search_fields = ["element"]
    list_select_related = ["indicator__goal"]


@admin.register(m.ServiceIndexAspect)
class ServiceIndexAspectAdmin(admin.ModelAdmin):
    list_display = ["indicator", "month", "number", "aspect", "index_value", "weight_pct"]
    list_filter = ["month"]
    search_fields = ["aspect"]
    list_select_related = ["indicator__goal"]


@admin.register(m.RatioObservation)
class RatioObservationAdmin(admin.ModelAdmin):
    list_display = ["indicator", "month", "numerator", "denominator", "stated_pct"]
    list_filter = ["month"]
    list_select_related = ["indicator__goal"]


class ComponentInline(admin.TabularInline):
    model = m.EvaluationComponent
    extra = 0


@admin.register(m.UnitEvaluation)
class UnitEvaluationAdmin(admin.ModelAdmin):
    list_display = ["unit", "year", "kind", "stated_total", "stated_category", "published_on"]
    list_filter = ["kind", "year"]
    search_fields = ["unit__code", "unit__name", "unit__short_name"]
    list_select_related = ["unit"]
    inlines = [ComponentInline]


@admin.register(m.EvaluationComponent)
class EvaluationComponentAdmin(admin.ModelAdmin):
    list_display = ["evaluation", "number", "name", "score", "max_score"]
    search_fields = ["name", "evaluation__unit__code"]
    list_select_related = ["evaluation__unit"]


@admin.register(m.Training)
class TrainingAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "start", "end", "organiser", "participants", "unit"]
    list_filter = ["year", "unit"]
    search_fields = ["name", "organiser", "audience"]
    date_hierarchy = "start"
    list_select_related = ["unit"]


@admin.register(m.StaffComposition)
class StaffCompositionAdmin(admin.ModelAdmin):
    list_display = ["unit", "year", "dimension", "category", "count"]
    list_filter = ["dimension", "year"]
    list_select_related = ["unit"]


@admin.register(m.PublishedFigure)
class PublishedFigureAdmin(admin.ModelAdmin):
    list_display = ["unit", "year", "quarter", "key", "subject", "value", "source"]
    list_filter = ["key", "year", "quarter"]
    search_fields = ["subject", "source", "text"]
    list_select_related = ["unit"]


@admin.register(m.PriorYearIndicator)
class PriorYearIndicatorAdmin(admin.ModelAdmin):
    list_display = ["unit", "year", "quarter", "code", "realisation", "physical_pct", "source"]
    list_filter = ["year", "quarter"]
    search_fields = ["unit__code", "code"]
    list_select_related = ["unit"]


@admin.register(m.PriorYearTotals)
class PriorYearTotalsAdmin(admin.ModelAdmin):
    list_display = ["unit", "year", "quarter", "revenue", "service_outputs", "source"]
    list_filter = ["year", "quarter"]
    search_fields = ["unit__code"]
    list_select_related = ["unit"]


@admin.register(m.OrganisationChart)
class OrganisationChartAdmin(admin.ModelAdmin):
    """Uploaded on the setup page (type and size checked there); listed here."""

    list_display = ["unit", "year", "filename", "content_type", "uploaded_by", "updated_at"]
    search_fields = ["unit__code", "filename"]
    list_select_related = ["unit", "uploaded_by"]
    exclude = ["content"]
    readonly_fields = ["content_type", "filename", "uploaded_by"]

    def has_add_permission(self, request) -> bool:
        return False
