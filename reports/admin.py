from django.contrib import admin

from reports.models import CategoryBand, DataVersion, ReportCache


@admin.register(CategoryBand)
class CategoryBandAdmin(admin.ModelAdmin):
    list_display = ["scheme", "code", "label", "lower", "lower_inclusive", "upper", "regulation"]
    list_filter = ["scheme"]
    search_fields = ["code", "label"]


@admin.register(DataVersion)
class DataVersionAdmin(admin.ModelAdmin):
    list_display = ["unit", "version"]
    search_fields = ["unit__code", "unit__name"]
    list_select_related = ["unit"]
    readonly_fields = ["unit", "version"]

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
