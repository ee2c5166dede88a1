"""Dashboards: the unit's quarter at a glance, one indicator in depth, and units side by side.
Views fetch and render; every figure comes from the computed report."""

from __future__ import annotations

import hashlib
from datetime import date
from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.core.cache import caches
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django_tables2 import RequestConfig

from perkin import access
from perkin import history as perkin_history
from perkin.access import Action
from perkin.calendar import MONTH_NAMES
from perkin.entry.deadlines import deadline_for
from perkin.entry.kinds import REALISATION, entry_fields, entry_labels
from perkin.entry.navigation import setup_years
from perkin.models import Agreement, Evidence, MonthlyRealisation, WorkUnit
from reports.calculations.summary import ACHIEVEMENT_CAP
from reports.dashboard import charts
from reports.dashboard.downloads import FORMATS as EXPORT_FORMATS
from reports.dashboard.downloads import download_links, table_download
from reports.dashboard.overview import units_overview
from reports.dashboard.periods import parse_int, selected_period
from reports.dashboard.tables import UnitsTable, dashboard_tables
from reports.dashboard.warnings import early_warnings, finding_warnings
from reports.engine.versions import version_keys
from reports.exporters.cache import (
    COMPUTED_SECONDS,
    REPORTS_CACHE,
    computed_report,
    data_version,
    renderer_fingerprint,
    reuse,
)

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


def _no_agreement(
    request: HttpRequest, unit: WorkUnit, year: int, quarter: int, years
) -> HttpResponse:
    """A year without an agreement says so and links to its setup, instead of '0 / 0' and a
    green 'no warnings'."""
    ctx = {
        "unit": unit,
        "year": year,
        "quarter": quarter,
        "years": sorted(years | {year}),
        "existing_years": sorted(years),
        "can_setup": access.can(request.user, Action.EDIT_SETUP, unit),
        "from_previous": year - 1 in years,
    }
    return render(request, "reports/dashboard_no_year.html", ctx)


def _tables(request: HttpRequest, report) -> dict:
    tables = dashboard_tables(report)
    for table in tables.values():
        RequestConfig(request, paginate=False).configure(table)
    return tables


def _figures(request: HttpRequest, unit: WorkUnit, year: int, quarter: int, report) -> str:
    """The indicator cards, tables and charts: the most costly part of the page, and the same
    for everyone who asks with the same query (the tables' order) while the facts stand."""
    tables = _tables(request, report)
    ctx = {
        "unit": unit,
        "report": report,
        "year": year,
        "quarter": quarter,
        "tables": tables,
        "downloads": {
            name: download_links(request, year=year, quarter=quarter, name=name) for name in tables
        },
        "charts": charts.dashboard_charts(report),
    }
    return render_to_string("reports/_dashboard_figures.html", ctx, request=request)


@login_required
def dashboard(request: HttpRequest, code: str) -> HttpResponse:
    unit = access.get_unit_for_user(request.user, code)
    year, quarter = selected_period(request, unit)
    years = setup_years(unit)
    if year not in years:
        return _no_agreement(request, unit, year, quarter, years)
    version = data_version(unit, year, quarter)
    report = computed_report(unit, year, quarter, full=False, version=version)
    export = request.GET.get("_export")
    if export:
        name = request.GET.get("t", "")
        table = _tables(request, report).get(name)
        if table is None or export not in EXPORT_FORMATS:
            raise Http404(_("Format unduhan tidak dikenal."))
        return table_download(
            table, export, f"{unit.code.lower()}-{year}-tw{quarter}-{name}", name.capitalize()
        )
    query = hashlib.sha1(request.GET.urlencode().encode()).hexdigest()[:16]
    figures = reuse(
        unit,
        year,
        quarter,
        f"dashboard:{query}",
        lambda: _figures(request, unit, year, quarter, report),
        version=version,
    )
    link = _linker(unit, year, quarter)
    today = date.today()
    warnings = early_warnings(report, today=today, link=link)
    findings = finding_warnings(report, link=link)
    deadline = deadline_for(unit, year, quarter)
    ctx = {
        "unit": unit,
        "report": report,
        "year": year,
        "quarter": quarter,
        "years": sorted(years | {year}),
        "warnings": warnings,
        "findings": findings,
        "warning_count": len(warnings) + len(findings),
        "figures": mark_safe(figures),  # rendered by the template engine, escaped there
        "summary": report.achievement_summary,
        "last_month_name": MONTH_NAMES[report.last_month],
        "deadline": deadline,
        "deadline_text": deadline.describe(today),
        "can_open_board": access.can(request.user, Action.OPEN_BOARD, unit),
    }
    return render(request, "reports/dashboard.html", ctx)


@login_required
def indicator_detail(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    unit = access.get_unit_for_user(request.user, code)
    year, quarter = selected_period(request, unit)
    report = computed_report(unit, year, quarter, full=False, narratives=True)
    indicator = next((i for i in report.indicators if i.pk == pk), None)
    team = access.team_scope(request.user, unit)
    if indicator is not None and team is not None and indicator.team_id != team:
        indicator = None  # a PIC reads only their team's indicator pages
    if indicator is None:  # another unit's (or year's) indicator answers 404
        raise Http404(_("Indikator tidak ditemukan untuk periode ini."))
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
        "history": perkin_history.history_entries(
            history,
            model=MonthlyRealisation,
            fields=entry_fields(REALISATION),
            labels=entry_labels(REALISATION),
            limit=100,
        ),
        "chart": charts.indicator_progress(indicator, compact=False),
        "findings": [f for f in report.checks if f.indicator_pk == pk],
    }
    return render(request, "reports/indicator.html", ctx)


def _units_table(request: HttpRequest, units: list[WorkUnit], year: int, quarter: int, keys):
    """The table of the units' rows (every unit in a download, a page of them on screen, sorted
    across all) and how many are being refreshed."""
    rows = []
    # one reverse for every row: a thousand units would spend more on URL resolving than on
    # reading their summaries
    dashboard_url = reverse("reports:dashboard", args=["UNIT"]).replace("UNIT", "{}", 1)
    kinds = {kind: str(label) for kind, label in WorkUnit.Kind.choices}
    for s in units_overview(units, year, quarter, keys):
        rows.append(
            {
                "name": s.unit.display_name,
                "url": dashboard_url.format(quote(s.unit.code)) + f"?year={year}&q={quarter}",
                "kind": kinds.get(s.unit.kind, s.unit.kind),
                "median_achievement_pct": s.median_achievement_pct,
                "capped_mean_achievement_pct": s.capped_mean_achievement_pct,
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
    RequestConfig(request, paginate=False if export else {"per_page": UNITS_PER_PAGE}).configure(
        table
    )
    return table, sum(1 for r in rows if r["refreshing"])


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
        raise Http404(_("Tidak ada unit yang dapat ditampilkan."))
    year = parse_int(request.GET.get("year"), 2000, 2100)
    if year is None:
        latest = Agreement.objects.filter(unit__in=units).aggregate(latest=Max("year"))
        year = latest["latest"] or date.today().year
    quarter = parse_int(request.GET.get("q"), 1, 4) or 4
    keys = version_keys(units, year, quarter)
    export = request.GET.get("_export")
    if export:
        if export not in EXPORT_FORMATS:
            raise Http404(_("Format unduhan tidak dikenal."))
        table, _refreshing = _units_table(request, units, year, quarter, keys)
        return table_download(table, export, f"antar-unit-{year}-tw{quarter}", "Antar unit")
    # The table rendered is kept while every unit's version key stands (a unit's summary is
    # stored under its key) for the same units, period, query (order, page) and language; a
    # table with units still being refreshed is not kept.
    # (and the code that renders it: a deployment never serves a table of the old columns)
    state = repr(
        (year, quarter, request.GET.urlencode(), sorted(keys.items()), renderer_fingerprint())
    )
    key = f"units:{translation.get_language()}:{hashlib.sha1(state.encode()).hexdigest()}"
    store = caches[REPORTS_CACHE]
    table_html = store.get(key)
    refreshing = 0
    if table_html is None:
        table, refreshing = _units_table(request, units, year, quarter, keys)
        table_html = render_to_string(
            "reports/_units_table.html", {"table": table}, request=request
        )
        if not refreshing:
            store.set(key, table_html, COMPUTED_SECONDS)
    ctx = {
        "table_html": mark_safe(table_html),  # rendered by the template engine, escaped there
        "year": year,
        "quarter": quarter,
        "parents": sorted({u.parent.display_name for u in units if u.parent}),
        "years": range(year - 3, year + 2),
        "count": len(units),
        "downloads": download_links(request, year=year, quarter=quarter),
        "refreshing": refreshing,
        "cap": ACHIEVEMENT_CAP,
    }
    return render(request, "reports/units.html", ctx)
