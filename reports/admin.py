from django.contrib import admin

from reports.models import CategoryBand


@admin.register(CategoryBand)
class CategoryBandAdmin(admin.ModelAdmin):
    list_display = ["scheme", "code", "label", "lower", "lower_inclusive", "upper", "regulation"]
    list_filter = ["scheme"]
    search_fields = ["code", "label"]
