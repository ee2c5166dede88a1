"""Plotly figure specs (plain dicts) for the dashboards, built from the computed report.

Every axis has a title with its unit ({"text": ...}: the bundled Plotly ignores plain-string
titles), every chart with more than one series has a legend, long category names are wrapped
onto two lines and put where they fit (horizontal bars), and margins grow to fit the labels
(automargin). Hover texts are pre-formatted with Indonesian separators and the layout uses ','
for decimals and '.' for thousands, so every number a person reads in a chart looks like the
rest of the product. static/js/charts.js draws them and shrinks titles on narrow screens.
"""

from __future__ import annotations

import textwrap
from decimal import Decimal

from django.utils.translation import gettext as _

from perkin.calendar import MONTH_NAMES
from perkin.formatting import number, percent, rupiah
from reports.engine.money.dipa import BudgetResult
from reports.engine.report import IndicatorResult, QuarterlyReport

BLUE, ORANGE, GREY, GREEN, RED = "#0b5394", "#e69138", "#7f7f7f", "#38761d", "#b3261e"
QUARTER_ENDS = [2, 5, 8, 11]  # indexes of March, June, September, December


def months_short() -> list[str]:
    """'Jan' .. 'Des' in the user's language."""
    return [
        _("Jan"),
        _("Feb"),
        _("Mar"),
        _("Apr"),
        _("Mei"),
        _("Jun"),
        _("Jul"),
        _("Agu"),
        _("Sep"),
        _("Okt"),
        _("Nov"),
        _("Des"),
    ]


def _f(value: Decimal | int | None) -> float | None:
    return None if value is None else float(value)


def _mio(value: Decimal | int | None) -> float | None:
    """Rupiah as millions for chart axes (hover texts keep whole rupiah)."""
    return None if value is None else float(value) / 1_000_000


def wrap(text: str, width: int = 20, lines: int = 2) -> str:
    """A category label on at most two lines ('Pelatihan Teknik<br>Operasional'), shortened
    with '…' when longer, so it never runs out of its chart."""
    parts = textwrap.wrap(text, width, break_long_words=False) or [""]
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1][: width - 1].rstrip() + "…"
    return "<br>".join(parts)


def _axis(title: str, **extra) -> dict:
    return {"title": {"text": title, "standoff": 6}, "automargin": True, **extra}


def _money_axis(**extra) -> dict:
    return _axis(_("Rp juta"), tickformat=",.0f", rangemode="tozero", **extra)


def _pct_axis(title: str, **extra) -> dict:
    return _axis(title, ticksuffix="%", **extra)


def _layout(title: str, *, height: int = 340, **extra) -> dict:
    layout = {
        "title": {
            "text": title,
            "font": {"size": 14},
            "x": 0.02,
            "xanchor": "left",
            "yref": "container",
            "y": 1,
            "yanchor": "top",
            "pad": {"t": 10},
        },
        "separators": ",.",
        "height": height,
        "margin": {"l": 8, "r": 12, "t": 64, "b": 8},
        "legend": {"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom", "font": {"size": 11}},
        "font": {"family": "system-ui, sans-serif", "size": 12},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "#fff",
        "hoverlabel": {"align": "left"},
    }
    layout.update(extra)
    return layout


def indicator_progress(ind: IndicatorResult, *, compact: bool = True) -> dict:
    """Monthly realised physical % (cumulative) against the interim targets of the action
    plan: the indicator's S-curve."""
    x = months_short()
    names = [MONTH_NAMES[m.month] for m in ind.months]
    data = [
        {
            "type": "scatter",
            "mode": "lines",
            "name": _("Target antara"),
            "x": x,
            "y": [_f(m.interim_target_pct) for m in ind.months],
            "line": {"color": GREY, "dash": "dash"},
            "hovertext": [
                _("%(month)s: target antara %(value)s")
                % {"month": n, "value": percent(m.interim_target_pct)}
                for n, m in zip(names, ind.months, strict=True)
            ],
            "hoverinfo": "text",
        },
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": _("Realisasi fisik"),
            "x": x,
            "y": [_f(m.physical_pct) for m in ind.months],
            "line": {"color": BLUE},
            "marker": {"size": 5},
            "hovertext": [
                _("%(month)s: realisasi fisik %(value)s")
                % {"month": n, "value": percent(m.physical_pct)}
                for n, m in zip(names, ind.months, strict=True)
            ],
            "hoverinfo": "text",
        },
    ]
    ticks = {"tickvals": [x[i] for i in QUARTER_ENDS], "ticktext": [x[i] for i in QUARTER_ENDS]}
    if compact:
        return {
            "data": data,
            "layout": _layout(
                "",
                height=200,
                margin={"l": 8, "r": 8, "t": 28, "b": 8},
                legend={
                    "orientation": "h",
                    "x": 0,
                    "y": 1.0,
                    "yanchor": "bottom",
                    "font": {"size": 10},
                },
                yaxis=_pct_axis("", range=[0, 105], dtick=50),
                xaxis={"automargin": True, "tickangle": 0, **ticks},
            ),
        }
    return {
        "data": data,
        "layout": _layout(
            _("Realisasi fisik %(code)s terhadap target antara") % {"code": ind.code},
            yaxis=_pct_axis(_("Persen kumulatif"), range=[0, 105]),
            xaxis=_axis(_("Bulan"), tickangle=0),
        ),
    }


def budget_s_curve(budget: BudgetResult, last_month: int) -> dict:
    """Cumulative absorption by month (the S-curve): disbursement plan against spending, with
    a note when the spending is known only as a year-end total, not month by month."""
    x = months_short()
    actual = budget.monthly_actual_pct
    data = [
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": _("Rencana penarikan"),
            "x": x,
            "y": [_f(v) for v in budget.monthly_planned_pct],
            "line": {"color": GREY, "dash": "dash"},
            "marker": {"size": 5},
            "connectgaps": True,
            "hovertext": [
                _("%(month)s: rencana %(value)s")
                % {"month": MONTH_NAMES[i + 1], "value": percent(v)}
                for i, v in enumerate(budget.monthly_planned_pct)
            ],
            "hoverinfo": "text",
        },
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": _("Realisasi keuangan"),
            "x": x,
            "y": [_f(v) for v in actual],
            "line": {"color": BLUE},
            "marker": {"size": 7},
            "hovertext": [
                _("%(month)s: realisasi %(value)s")
                % {"month": MONTH_NAMES[i + 1], "value": percent(v)}
                for i, v in enumerate(actual)
            ],
            "hoverinfo": "text",
        },
    ]
    known = [v for v in actual[:last_month] if v is not None]
    annotations = []
    if len(known) < 2:
        annotations.append(
            {
                "text": _("Realisasi per bulan belum tercatat; yang ada angka kumulatif akhir."),
                "xref": "paper",
                "yref": "paper",
                "x": 0.02,
                "y": 0.55,
                "xanchor": "left",
                "yanchor": "middle",
                "showarrow": False,
                "font": {"size": 11, "color": GREY},
            }
        )
    return {
        "data": data,
        "layout": _layout(
            _("Penyerapan anggaran kumulatif (kurva S)"),
            yaxis=_pct_axis(_("Persen dari pagu"), range=[0, 105]),
            xaxis=_axis(_("Bulan"), tickangle=0),
            annotations=annotations,
        ),
    }


def budget_outputs(budget: BudgetResult) -> dict:
    outputs = budget.outputs
    codes = [o.short_code for o in outputs]
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "name": _("Pagu"),
                "y": codes,
                "x": [_mio(o.pagu) for o in outputs],
                "marker": {"color": "#c9daf8"},
                "hovertext": [
                    f"{o.short_code} {o.name}<br>" + _("Pagu %(value)s") % {"value": rupiah(o.pagu)}
                    for o in outputs
                ],
                "hoverinfo": "text",
            },
            {
                "type": "bar",
                "orientation": "h",
                "name": _("Realisasi"),
                "y": codes,
                "x": [_mio(o.spent) for o in outputs],
                "marker": {"color": BLUE},
                "hovertext": [
                    f"{o.short_code} {o.name}<br>"
                    + _("Realisasi %(value)s (%(pct)s)")
                    % {"value": rupiah(o.spent), "pct": percent(o.spending_pct)}
                    for o in outputs
                ],
                "hoverinfo": "text",
            },
        ],
        "layout": _layout(
            _("Realisasi terhadap pagu per KRO"),
            height=110 + 26 * len(outputs),
            barmode="overlay",
            xaxis=_money_axis(),
            yaxis=_axis(_("KRO"), autorange="reversed"),
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
                "name": _("Pagu"),
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
            _("Pagu setelah setiap revisi DIPA"),
            showlegend=False,
            xaxis=_axis(_("Tanggal revisi"), type="date", tickformat="%b %Y"),
            yaxis=_axis(_("Rp juta"), tickformat=",.0f"),
        ),
    }


def spending_types(budget: BudgetResult) -> dict:
    rows = budget.spending_types
    return {
        "data": [
            {
                "type": "bar",
                "x": [wrap(f"{r.category} {r.label}", 14) for r in rows],
                "y": [_mio(r.amount) for r in rows],
                "marker": {"color": [BLUE, ORANGE, GREEN][: len(rows)]},
                "hovertext": [f"{r.category} {r.label}: {rupiah(r.amount)}" for r in rows],
                "hoverinfo": "text",
            }
        ],
        "layout": _layout(
            _("Pagu menurut jenis belanja"),
            showlegend=False,
            yaxis=_money_axis(),
            xaxis=_axis(_("Jenis belanja"), tickangle=0),
        ),
    }


def revenue_cumulative(report: QuarterlyReport) -> dict:
    """Cumulative PNBP by month (this year, last year, the annual target): a monthly S-curve."""
    rev = report.revenue
    x = months_short()
    data = [
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": f"PNBP {report.year}",
            "x": x,
            "y": [_mio(v) for v in rev.monthly_cumulative],
            "line": {"color": BLUE},
            "marker": {"size": 5},
            "hovertext": [
                _("s.d. %(month)s %(year)s: %(value)s")
                % {"month": MONTH_NAMES[i + 1], "year": report.year, "value": rupiah(v)}
                for i, v in enumerate(rev.monthly_cumulative)
            ],
            "hoverinfo": "text",
        },
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": f"PNBP {report.year - 1}",
            "x": x,
            "y": [_mio(v) for v in rev.previous_monthly_cumulative],
            "line": {"color": ORANGE},
            "marker": {"size": 5},
            "hovertext": [
                _("s.d. %(month)s %(year)s: %(value)s")
                % {"month": MONTH_NAMES[i + 1], "year": report.year - 1, "value": rupiah(v)}
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
                "name": _("Target tahunan"),
                "x": x,
                "y": [_mio(rev.target)] * 12,
                "line": {"color": GREY, "dash": "dot"},
                "hovertext": [_("Target %(value)s") % {"value": rupiah(rev.target)}] * 12,
                "hoverinfo": "text",
            }
        )
    return {
        "data": data,
        "layout": _layout(
            _("Penerimaan PNBP kumulatif"),
            yaxis=_money_axis(),
            xaxis=_axis(_("Bulan"), tickangle=0),
        ),
    }


def revenue_growth(report: QuarterlyReport) -> dict:
    lines = [ln for ln in report.revenue.lines if not ln.is_refund_line]
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "y": [wrap(ln.name, 22) for ln in lines],
                "x": [_f(ln.growth_pct) for ln in lines],
                "marker": {"color": [GREEN if (ln.growth_pct or 0) >= 0 else RED for ln in lines]},
                "hovertext": [
                    f"{ln.name}<br>{report.year}: {rupiah(ln.realisation)}<br>{report.year - 1}: "
                    f"{rupiah(ln.previous_year)}<br>"
                    + _("Pertumbuhan: %(value)s")
                    % {"value": percent(ln.growth_pct)}
                    for ln in lines
                ],
                "hoverinfo": "text",
            }
        ],
        "layout": _layout(
            _("Pertumbuhan PNBP per jenis layanan"),
            height=110 + 34 * len(lines),
            showlegend=False,
            xaxis=_pct_axis(
                _("Pertumbuhan terhadap %(year)s") % {"year": report.year - 1}, zeroline=True
            ),
            yaxis=_axis("", autorange="reversed"),
        ),
    }


def services(report: QuarterlyReport) -> dict:
    kinds = report.services.kinds
    names = [wrap(k.name, 22) for k in kinds]
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "name": str(report.year - 1),
                "y": names,
                "x": [k.previous_year for k in kinds],
                "marker": {"color": ORANGE},
                "hovertext": [
                    f"{k.name} {report.year - 1}: {number(k.previous_year, 0)} {k.unit_of_measure}"
                    for k in kinds
                ],
                "hoverinfo": "text",
            },
            {
                "type": "bar",
                "orientation": "h",
                "name": str(report.year),
                "y": names,
                "x": [k.current for k in kinds],
                "marker": {"color": BLUE},
                "hovertext": [
                    f"{k.name} {report.year}: {number(k.current, 0)} {k.unit_of_measure}"
                    for k in kinds
                ],
                "hoverinfo": "text",
            },
        ],
        "layout": _layout(
            _("Hasil layanan jasa per jenis"),
            height=120 + 44 * len(kinds),
            barmode="group",
            xaxis=_axis(_("Jumlah (dalam satuan tiap jenis layanan)"), tickformat=",.0f"),
            yaxis=_axis("", autorange="reversed"),
        ),
    }


def dashboard_charts(report: QuarterlyReport) -> dict[str, dict]:
    charts = {f"ind-{i.pk}": indicator_progress(i) for i in report.indicators}
    if report.budget:
        charts.update(
            {
                "budget-scurve": budget_s_curve(report.budget, report.last_month),
                "budget-outputs": budget_outputs(report.budget),
                "budget-history": pagu_history(report.budget),
                "budget-types": spending_types(report.budget),
            }
        )
    charts["revenue-cumulative"] = revenue_cumulative(report)
    charts["revenue-growth"] = revenue_growth(report)
    charts["services"] = services(report)
    return charts
