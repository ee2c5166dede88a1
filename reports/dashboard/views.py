"""Dashboards: the unit's quarter at a glance, one indicator in depth, and units side by side.
Views fetch and render; every figure comes from the computed report."""

from __future__ import annotations

from datetime import date
from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django_tables2 import RequestConfig
from django_tables2.export import TableExport

from perkin import access
from perkin.access import Action
from perkin.models import Agreement, Evidence, MonthlyRealisation, WorkUnit
from reports.checks import build_quarterly_report
from reports.dashboard import charts
from reports.dashboard.overview import units_overview
from reports.dashboard.periods import parse_int, selected_period
from reports.dashboard.tables import UnitsTable, dashboard_tables
from reports.dashboard.warnings import early_warnings, finding_warnings

EXPORT_FORMATS = ("csv", "xlsx")
UNITS_PER_PAGE = 50


@login_required
def home(request: HttpRequest) -> HttpResponse:
    unit = access.home_unit(request.user)
    if unit is not None:
        return redirect("reports:dashboard", code=unit.code)
    if access.readable_units(request.user).exists():
        return redirect("reports:units")
    return render(request, "reports/no_unit.html", status=403)


def _linker(unit: WorkUnit, year: int, quarter: int):
    def link(kind: str, **kw) -> str:
        if kind == "indicator":
            return (
                reverse("reports:indicator", args=[unit.code, kw["pk"]])
                + f"?year={year}&q={quarter}"
            )
        if kind == "entry":
            try:
                return reverse("entry:entry", args=[unit.code, year, kw["month"]])
            except NoReverseMatch:
                return reverse("reports:dashboard", args=[unit.code]) + f"?year={year}&q={quarter}"
        return (
            reverse("reports:dashboard", args=[unit.code])
            + f"?year={year}&q={quarter}#{kw['anchor']}"
        )

    return link


@login_required
def dashboard(request: HttpRequest, code: str) -> HttpResponse:
    unit = access.get_unit_for_user(request.user, code)
    year, quarter = selected_period(request, unit)
    report = build_quarterly_report(unit, year, quarter, full=False)
    tables = dashboard_tables(report)
    for table in tables.values():
        RequestConfig(request, paginate=False).configure(table)
    export = request.GET.get("_export")
    if export:
        table = tables.get(request.GET.get("t", ""))
        if table is None or not TableExport.is_valid_format(export) or export not in EXPORT_FORMATS:
            raise Http404("Format unduhan tidak dikenal.")
        exporter = TableExport(export, table)
        return exporter.response(
            f"{unit.code.lower()}-{year}-tw{quarter}-{request.GET['t']}.{export}"
        )
    link = _linker(unit, year, quarter)
    warnings = early_warnings(report, today=date.today(), link=link)
    findings = finding_warnings(report, link=link)
    ctx = {
        "unit": unit,
        "report": report,
        "year": year,
        "quarter": quarter,
        "years": range(year - 3, year + 2),
        "warnings": warnings,
        "findings": findings,
        "warning_count": len(warnings) + len(findings),
        "charts": charts.dashboard_charts(report),
        "tables": tables,
    }
    return render(request, "reports/dashboard.html", ctx)


@login_required
def indicator_detail(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    unit = access.get_unit_for_user(request.user, code)
    year, quarter = selected_period(request, unit)
    report = build_quarterly_report(unit, year, quarter, full=False, narratives=True)
    indicator = next((i for i in report.indicators if i.pk == pk), None)
    if indicator is None:  # another unit's (or year's) indicator answers 404
        raise Http404("Indikator tidak ditemukan untuk periode ini.")
    realisation_ids = [m.realisation_id for m in indicator.months if m.realisation_id]
    evidence: dict[int, list[Evidence]] = {}
    for e in Evidence.objects.filter(realisation_id__in=realisation_ids).order_by("pk"):
        evidence.setdefault(e.realisation_id, []).append(e)
    history = MonthlyRealisation.history.filter(indicator_id=pk).select_related("history_user")
    months = [(m, evidence.get(m.realisation_id, [])) for m in indicator.months]
    ctx = {
        "unit": unit,
        "report": report,
        "year": year,
        "quarter": quarter,
        "ind": indicator,
        "years": range(year - 3, year + 2),
        "months": months,
        "history": _history_rows(history),
        "chart": charts.indicator_progress(indicator, compact=False),
        "findings": [f for f in report.checks if f.indicator_pk == pk],
    }
    return render(request, "reports/indicator.html", ctx)


TRACKED = ("physical_pct", "activities_done", "value_to_date", "status", "version")
HISTORY_TYPES = {"+": "dibuat", "~": "diubah", "-": "dihapus"}


def _history_rows(records) -> list[dict]:
    """Each historical record (newest first) with what changed from the record before it of
    the same month; computed in Python so the page costs one query however long the history."""
    records = sorted(records, key=lambda r: (r.id, r.history_date, r.history_id))
    previous: dict[int, object] = {}
    rows = []
    for rec in records:
        prev = previous.get(rec.id)
        changes = [
            (field, getattr(prev, field) if prev else None, getattr(rec, field))
            for field in TRACKED
            if prev is None or getattr(prev, field) != getattr(rec, field)
        ]
        previous[rec.id] = rec
        rows.append(
            {
                "when": rec.history_date,
                "who": rec.history_user.get_username() if rec.history_user else "sistem",
                "month": rec.month,
                "type": HISTORY_TYPES.get(rec.history_type, rec.history_type),
                "changes": changes,
            }
        )
    rows.sort(key=lambda r: r["when"], reverse=True)
    return rows[:100]


@login_required
def units_overview_view(request: HttpRequest) -> HttpResponse:
    access.require(access.can(request.user, Action.COMPARE_UNITS))
    units = list(
        access.readable_units(request.user)
        .exclude(kind=WorkUnit.Kind.ECHELON_I)
        .select_related("parent")
        .order_by("kind", "code")
    )
    if not units:
        raise Http404("Tidak ada unit yang dapat ditampilkan.")
    years = Agreement.objects.filter(unit__in=units).values_list("year", flat=True)
    year = parse_int(request.GET.get("year"), 2000, 2100) or max(years, default=date.today().year)
    quarter = parse_int(request.GET.get("q"), 1, 4) or 4
    parents = sorted({u.parent.display_name for u in units if u.parent})
    rows = []
    # one reverse for every row: a thousand units would spend more on URL resolving than on
    # reading their summaries
    dashboard_url = reverse("reports:dashboard", args=["UNIT"]).replace("UNIT", "{}", 1)
    kinds = {kind: str(label) for kind, label in WorkUnit.Kind.choices}
    for s in units_overview(units, year, quarter):
        rows.append(
            {
                "name": s.unit.display_name,
                "url": dashboard_url.format(quote(s.unit.code)) + f"?year={year}&q={quarter}",
                "kind": kinds.get(s.unit.kind, s.unit.kind),
                "average_achievement_pct": s.average_achievement_pct,
                "achieved": f"{s.achieved}/{s.indicators}" if s.indicators else "-",
                "spending_pct": s.spending_pct,
                "revenue_growth_pct": s.revenue_growth_pct,
                "sakip": s.sakip,
                "sakip_category": s.sakip_category,
                "sakip_rank": s.sakip_rank,
                "financial": s.financial,
                "financial_rank": s.financial_rank,
                "refreshing": s.refreshing,
            }
        )
    table = UnitsTable(rows, prefix="u-")
    export = request.GET.get("_export")
    # every unit in a download; on screen a page of them (sorted across all), so a ministry of
    # 1.000 units answers as fast as an office of 30
    RequestConfig(request, paginate=False if export else {"per_page": UNITS_PER_PAGE}).configure(
        table
    )
    if export:
        if export not in EXPORT_FORMATS:
            raise Http404("Format unduhan tidak dikenal.")
        return TableExport(export, table).response(f"antar-unit-{year}-tw{quarter}.{export}")
    ctx = {
        "table": table,
        "year": year,
        "quarter": quarter,
        "parents": parents,
        "years": range(year - 3, year + 2),
        "count": len(rows),
        "refreshing": sum(1 for r in rows if r["refreshing"]),
    }
    return render(request, "reports/units.html", ctx)
