from django.contrib import admin

from budget import models as m
from perkin.admin_base import FactAdmin, FactInline


@admin.register(m.Budget)
class BudgetAdmin(FactAdmin):
    list_display = ["unit", "year", "dipa_number", "location"]
    list_filter = ["year"]
    search_fields = ["unit__code", "unit__name", "dipa_number"]
    list_select_related = ["unit"]


@admin.register(m.BudgetItem)
class BudgetItemAdmin(FactAdmin):
    list_display = ["full_code", "name", "level", "budget"]
    list_filter = ["level", "budget__year"]
    search_fields = ["full_code", "name"]
    list_select_related = ["budget__unit"]


class AllocationInline(FactInline):
    model = m.Allocation
    extra = 0
    autocomplete_fields = ["item"]


class BreakdownInline(FactInline):
    model = m.RevisionBreakdown
    extra = 0


@admin.register(m.BudgetRevision)
class BudgetRevisionAdmin(FactAdmin):
    list_display = ["__str__", "budget", "date", "authority", "stated_pagu"]
    list_filter = ["authority", "budget__year"]
    search_fields = ["reason"]
    inlines = [AllocationInline, BreakdownInline]
    list_select_related = ["budget__unit"]


@admin.register(m.Allocation)
class AllocationAdmin(FactAdmin):
    list_display = ["revision", "item", "amount"]
    list_filter = ["revision__number", "item__level"]
    search_fields = ["item__full_code", "item__name"]
    list_select_related = ["revision", "item"]


@admin.register(m.RevisionBreakdown)
class RevisionBreakdownAdmin(FactAdmin):
    list_display = ["revision", "dimension", "category", "amount"]
    list_filter = ["dimension", "category"]
    list_select_related = ["revision"]


@admin.register(m.DisbursementPlan)
class DisbursementPlanAdmin(FactAdmin):
    list_display = ["item", "month", "financial_pct", "physical_pct"]
    list_filter = ["month"]
    search_fields = ["item__full_code"]
    list_select_related = ["item"]


@admin.register(m.OutputRealisation)
class OutputRealisationAdmin(FactAdmin):
    list_display = [
        "item",
        "month",
        "period_start_month",
        "spent",
        "physical_pct",
        "version",
        "updated_by",
    ]
    list_filter = ["month"]
    search_fields = ["item__full_code", "item__name", "note"]
    list_select_related = ["item", "updated_by"]


@admin.register(m.OutputNarrative)
class OutputNarrativeAdmin(FactAdmin):
    list_display = ["item", "quarter"]
    list_filter = ["quarter"]
    search_fields = ["analysis"]
    list_select_related = ["item"]


@admin.register(m.RevenueLine)
class RevenueLineAdmin(FactAdmin):
    list_display = ["order", "code", "name", "group_name", "is_refund_line", "unit"]
    list_filter = ["group_name", "is_refund_line"]
    search_fields = ["code", "name"]
    list_select_related = ["unit"]


@admin.register(m.RevenueTarget)
class RevenueTargetAdmin(FactAdmin):
    list_display = ["line", "year", "amount"]
    list_filter = ["year"]
    list_select_related = ["line"]


@admin.register(m.RevenueReceipt)
class RevenueReceiptAdmin(FactAdmin):
    list_display = [
        "line",
        "year",
        "month",
        "period_start_month",
        "amount",
        "is_refund",
        "updated_by",
    ]
    list_filter = ["year", "month", "is_refund"]
    search_fields = ["line__name", "note"]
    list_select_related = ["line", "updated_by"]


@admin.register(m.ServiceKind)
class ServiceKindAdmin(FactAdmin):
    list_display = ["order", "code", "name", "unit_of_measure", "unit"]
    search_fields = ["code", "name"]
    list_select_related = ["unit"]


@admin.register(m.ServiceOutput)
class ServiceOutputAdmin(FactAdmin):
    list_display = ["kind", "year", "month", "period_start_month", "count", "updated_by"]
    list_filter = ["year", "month"]
    search_fields = ["kind__name"]
    list_select_related = ["kind", "updated_by"]


@admin.register(m.AbsorptionTarget)
class AbsorptionTargetAdmin(FactAdmin):
    list_display = ["issuer", "year", "quarter", "target_pct", "basis"]
    list_filter = ["year", "quarter"]
    search_fields = ["issuer__code", "issuer__name", "basis"]
    list_select_related = ["issuer"]
