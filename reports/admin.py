from django.contrib import admin

from reports.models import (
    CategoryBand,
    DataVersion,
    FinalVersion,
    FindingAcknowledgement,
    ReportCache,
    ReportJob,
    UnitSummary,
)


@admin.register(CategoryBand)
class CategoryBandAdmin(admin.ModelAdmin):
    list_display = ["scheme", "code", "label", "lower", "lower_inclusive", "upper", "regulation"]
    list_filter = ["scheme"]
    search_fields = ["code", "label"]


@admin.register(DataVersion)
class DataVersionAdmin(admin.ModelAdmin):
    list_display = ["unit", "year", "quarter", "version"]
    search_fields = ["unit__code", "unit__name"]
    list_select_related = ["unit"]
    readonly_fields = ["unit", "year", "quarter", "version"]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(ReportCache)
class ReportCacheAdmin(admin.ModelAdmin):
    list_display = ["unit_code", "year", "quarter", "fmt", "data_version", "created_at"]
    list_filter = ["fmt", "year", "quarter"]
    search_fields = ["unit_code"]
    exclude = ["content"]
    readonly_fields = ["unit_code", "year", "quarter", "fmt", "data_version", "created_at"]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(FindingAcknowledgement)
class FindingAcknowledgementAdmin(admin.ModelAdmin):
    """Read-only: the head acknowledges findings on the report page, with a reason."""

    list_display = [
        "unit",
        "year",
        "quarter",
        "code",
        "subject",
        "acknowledged_by",
        "acknowledged_at",
    ]
    list_filter = ["year", "quarter", "code"]
    search_fields = ["unit__code", "code", "subject", "reason"]
    list_select_related = ["unit", "acknowledged_by"]


@admin.register(ReportJob)
class ReportJobAdmin(admin.ModelAdmin):
    list_display = ["unit", "year", "quarter", "fmt", "status", "progress", "reason", "created_at"]
    list_filter = ["status", "fmt", "reason", "year", "quarter"]
    search_fields = ["unit__code"]
    list_select_related = ["unit"]
    readonly_fields = [f.name for f in ReportJob._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(FinalVersion)
class FinalVersionAdmin(admin.ModelAdmin):
    """Read-only: final versions are rendered once and never changed."""

    list_display = ["unit", "year", "quarter", "number", "created_by", "created_at", "signer"]
    list_filter = ["year", "quarter"]
    search_fields = ["unit__code", "pdf_sha256", "signer"]
    list_select_related = ["unit", "created_by"]
    exclude = ["pdf", "xlsx", "json", "signed_pdf"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(UnitSummary)
class UnitSummaryAdmin(admin.ModelAdmin):
    list_display = ["unit", "year", "quarter", "achieved", "indicators", "computed_at"]
    list_filter = ["year", "quarter"]
    search_fields = ["unit__code"]
    list_select_related = ["unit"]
    readonly_fields = [f.name for f in UnitSummary._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False
