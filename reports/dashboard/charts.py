"""Plotly figure specs (plain dicts) for the dashboards, built from the computed report.

Titles and axes are Indonesian; hover texts are pre-formatted with Indonesian separators and
the layout uses ',' for decimals and '.' for thousands, so every number a person reads in a
chart looks like the rest of the product.
"""

from __future__ import annotations

from decimal import Decimal

from perkin.calendar import MONTHS
from perkin.formatting import number, percent, rupiah
from reports.engine.report import BudgetResult, IndicatorResult, QuarterlyReport

MONTHS_SHORT = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
BLUE, ORANGE, GREY, GREEN = "#0b5394", "#e69138", "#999999", "#38761d"


def _f(value: Decimal | int | None) -> float | None:
    return None if value is None else float(value)


def _mio(value: Decimal | int | None) -> float | None:
    """Rupiah as millions for chart axes (hover texts keep whole rupiah)."""
    return None if value is None else float(value) / 1_000_000


MONEY_AXIS = {"title": "Juta rupiah", "tickformat": ",.0f"}


def _layout(title: str, *, height: int = 320, **extra) -> dict:
    layout = {
        "title": {"text": title, "font": {"size": 14}},
        "separators": ",.",
        "height": height,
        "margin": {"l": 56, "r": 16, "t": 40, "b": 48},
        "legend": {"orientation": "h", "y": -0.22},
        "font": {"family": "system-ui, sans-serif", "size": 12},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "#fff",
    }
    layout.update(extra)
    return layout


def indicator_progress(ind: IndicatorResult, *, compact: bool = True) -> dict:
    """Monthly realised physical % against the interim targets of the action plan."""
    x = [m.label for m in ind.months]
    plan = [_f(m.interim_target_pct) for m in ind.months]
    done = [_f(m.physical_pct) for m in ind.months]
    return {
        "data": [
            {
                "type": "scatter",
                "mode": "lines",
                "name": "Target antara",
                "x": x,
                "y": plan,
                "line": {"color": GREY, "dash": "dash"},
                "hovertext": [
                    f"{m.label}: target {percent(m.interim_target_pct)}" for m in ind.months
                ],
                "hoverinfo": "text",
            },
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": "Realisasi fisik",
                "x": x,
                "y": done,
                "line": {"color": BLUE},
                "hovertext": [
                    f"{m.label}: realisasi {percent(m.physical_pct)}" for m in ind.months
                ],
                "hoverinfo": "text",
            },
        ],
        "layout": _layout(
            "" if compact else f"Realisasi fisik {ind.code} terhadap target antara",
            height=170 if compact else 320,
            margin={"l": 44, "r": 8, "t": 8 if compact else 40, "b": 28},
            showlegend=not compact,
            yaxis={
                "range": [0, 105],
                "ticksuffix": "%",
                "title": "" if compact else "Persen kumulatif",
            },
            xaxis={"title": "" if compact else "Bulan"},
        ),
    }


def budget_s_curve(budget: BudgetResult) -> dict:
    """Cumulative absorption by month: disbursement plan against actual spending."""
    return {
        "data": [
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": "Rencana penarikan",
                "x": MONTHS_SHORT,
                "y": [_f(v) for v in budget.monthly_planned_pct],
                "line": {"color": GREY, "dash": "dash"},
                "connectgaps": True,
                "hovertext": [
                    f"{MONTHS[i + 1]}: rencana {percent(v)}"
                    for i, v in enumerate(budget.monthly_planned_pct)
                ],
                "hoverinfo": "text",
            },
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": "Realisasi keuangan",
                "x": MONTHS_SHORT,
                "y": [_f(v) for v in budget.monthly_actual_pct],
                "line": {"color": BLUE},
                "hovertext": [
                    f"{MONTHS[i + 1]}: realisasi {percent(v)}"
                    for i, v in enumerate(budget.monthly_actual_pct)
                ],
                "hoverinfo": "text",
            },
        ],
        "layout": _layout(
            "Penyerapan anggaran kumulatif (kurva S)",
            yaxis={"range": [0, 105], "ticksuffix": "%", "title": "Persen pagu"},
            xaxis={"title": "Bulan"},
        ),
    }


def budget_outputs(budget: BudgetResult) -> dict:
    names = [o.code for o in budget.outputs]
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "name": "Pagu",
                "y": names,
                "x": [_mio(o.pagu) for o in budget.outputs],
                "marker": {"color": "#c9daf8"},
                "hovertext": [
                    f"{o.short_code} {o.name}<br>Pagu {rupiah(o.pagu)}" for o in budget.outputs
                ],
                "hoverinfo": "text",
            },
            {
                "type": "bar",
                "orientation": "h",
                "name": "Realisasi",
                "y": names,
                "x": [_mio(o.spent) for o in budget.outputs],
                "marker": {"color": BLUE},
                "hovertext": [
                    f"{o.short_code} {o.name}<br>Realisasi {rupiah(o.spent)} ({percent(o.spending_pct)})"
                    for o in budget.outputs
                ],
                "hoverinfo": "text",
            },
        ],
        "layout": _layout(
            "Realisasi terhadap pagu per KRO",
            height=380,
            barmode="overlay",
            xaxis=MONEY_AXIS,
            yaxis={"autorange": "reversed"},
            margin={"l": 56, "r": 16, "t": 40, "b": 48},
        ),
    }


def pagu_history(budget: BudgetResult) -> dict:
    """The pagu after every DIPA revision, as a step chart; hover gives authority and reason."""
    rows = sorted(budget.revisions, key=lambda r: (r.date, r.number))
    return {
        "data": [
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": "Pagu",
                "x": [r.date.isoformat() for r in rows],
                "y": [_mio(r.pagu) for r in rows],
                "line": {"shape": "hv", "color": BLUE},
                "hovertext": [
                    f"{r.label} ({r.date:%d-%m-%Y})<br>{rupiah(r.pagu)}<br>{r.authority_label}: "
                    f"{r.reason[:120]}"
                    for r in rows
                ],
                "hoverinfo": "text",
            }
        ],
        "layout": _layout(
            "Riwayat pagu per revisi DIPA",
            xaxis={"title": "Tanggal revisi", "type": "date"},
            yaxis=MONEY_AXIS,
        ),
    }


def spending_types(budget: BudgetResult) -> dict:
    rows = budget.spending_types
    return {
        "data": [
            {
                "type": "bar",
                "x": [f"{r.category} {r.label}" for r in rows],
                "y": [_mio(r.amount) for r in rows],
                "marker": {"color": [BLUE, ORANGE, GREEN][: len(rows)]},
                "hovertext": [f"{r.label}: {rupiah(r.amount)}" for r in rows],
                "hoverinfo": "text",
            }
        ],
        "layout": _layout("Pagu menurut jenis belanja", yaxis=MONEY_AXIS, showlegend=False),
    }


def revenue_cumulative(report: QuarterlyReport) -> dict:
    rev = report.revenue
    data = [
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": f"PNBP {report.year}",
            "x": MONTHS_SHORT,
            "y": [_mio(v) for v in rev.monthly_cumulative],
            "line": {"color": BLUE},
            "hovertext": [
                f"s.d. {MONTHS[i + 1]} {report.year}: {rupiah(v)}"
                for i, v in enumerate(rev.monthly_cumulative)
            ],
            "hoverinfo": "text",
        },
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": f"PNBP {report.year - 1}",
            "x": MONTHS_SHORT,
            "y": [_mio(v) for v in rev.previous_monthly_cumulative],
            "line": {"color": ORANGE},
            "hovertext": [
                f"s.d. {MONTHS[i + 1]} {report.year - 1}: {rupiah(v)}"
                for i, v in enumerate(rev.previous_monthly_cumulative)
            ],
            "hoverinfo": "text",
        },
    ]
    if rev.target is not None:
        data.append(
            {
                "type": "scatter",
                "mode": "lines",
                "name": "Target tahunan",
                "x": MONTHS_SHORT,
                "y": [_mio(rev.target)] * 12,
                "line": {"color": GREY, "dash": "dot"},
                "hovertext": [f"Target {rupiah(rev.target)}"] * 12,
                "hoverinfo": "text",
            }
        )
    return {
        "data": data,
        "layout": _layout("Penerimaan PNBP kumulatif", yaxis=MONEY_AXIS, xaxis={"title": "Bulan"}),
    }


def revenue_growth(report: QuarterlyReport) -> dict:
    lines = [ln for ln in report.revenue.lines if not ln.is_refund_line]
    return {
        "data": [
            {
                "type": "bar",
                "x": [ln.name for ln in lines],
                "y": [_f(ln.growth_pct) for ln in lines],
                "marker": {
                    "color": [GREEN if (ln.growth_pct or 0) >= 0 else "#b3261e" for ln in lines]
                },
                "hovertext": [
                    f"{ln.name}<br>{report.year}: {rupiah(ln.realisation)}<br>{report.year - 1}: "
                    f"{rupiah(ln.previous_year)}<br>Pertumbuhan: {percent(ln.growth_pct)}"
                    for ln in lines
                ],
                "hoverinfo": "text",
            }
        ],
        "layout": _layout(
            "Pertumbuhan PNBP per jenis layanan",
            height=360,
            showlegend=False,
            yaxis={"ticksuffix": "%", "title": "Pertumbuhan"},
            xaxis={"tickangle": -35},
            margin={"l": 56, "r": 16, "t": 40, "b": 120},
        ),
    }


def services(report: QuarterlyReport) -> dict:
    kinds = report.services.kinds
    return {
        "data": [
            {
                "type": "bar",
                "name": str(report.year - 1),
                "x": [k.name for k in kinds],
                "y": [k.previous_year for k in kinds],
                "marker": {"color": ORANGE},
                "hovertext": [
                    f"{k.name} {report.year - 1}: {number(k.previous_year, 0)} {k.unit_of_measure}"
                    for k in kinds
                ],
                "hoverinfo": "text",
            },
            {
                "type": "bar",
                "name": str(report.year),
                "x": [k.name for k in kinds],
                "y": [k.current for k in kinds],
                "marker": {"color": BLUE},
                "hovertext": [
                    f"{k.name} {report.year}: {number(k.current, 0)} {k.unit_of_measure}"
                    for k in kinds
                ],
                "hoverinfo": "text",
            },
        ],
        "layout": _layout(
            "Hasil layanan jasa per jenis", barmode="group", yaxis={"title": "Jumlah"}
        ),
    }


def dashboard_charts(report: QuarterlyReport) -> dict[str, dict]:
    charts = {f"ind-{i.pk}": indicator_progress(i) for i in report.indicators}
    if report.budget:
        charts.update(
            {
                "budget-scurve": budget_s_curve(report.budget),
                "budget-outputs": budget_outputs(report.budget),
                "budget-history": pagu_history(report.budget),
                "budget-types": spending_types(report.budget),
            }
        )
    charts["revenue-cumulative"] = revenue_cumulative(report)
    charts["revenue-growth"] = revenue_growth(report)
    charts["services"] = services(report)
    return charts
