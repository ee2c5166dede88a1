"""Performance tables of the PP 39 report: the agreement (2.5), the action plan (3.1), each
goal's achievement table, the indicators' supporting tables and table 4.1, built from the
computed ``QuarterlyReport``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from reports.pp39.narrative import quarter_label, quarter_short
from reports.pp39.tables.base import (
    Cell,
    Row,
    Table,
    column_numbers,
    pct,
    smart_cell,
    text,
)

if TYPE_CHECKING:
    from reports.engine.report import GoalResult, IndicatorResult, QuarterlyReport


def _value(value, ind: IndicatorResult, **kw) -> Cell:
    """'30 Persen': a value with its indicator's unit."""
    return smart_cell(value, suffix=ind.unit, **kw)


def _month_pct(value) -> Cell:
    return smart_cell(value, suffix="%")


def agreement_table(report: QuarterlyReport) -> Table:
    head = [
        [
            text(_("No.")),
            text(_("Sasaran Kegiatan (SK)")),
            text(_("Indikator Kinerja"), colspan=2),
            text(_("Target")),
            text(_("Satuan")),
        ]
    ]
    body = []
    for g in report.goals:
        rows = []
        for k, ind in enumerate(g.indicators):
            lead = (
                [
                    text(g.number, rowspan=len(g.indicators), cls="center"),
                    text(g.text, rowspan=len(g.indicators)),
                ]
                if k == 0
                else []
            )
            rows.append(
                Row(
                    lead
                    + [
                        text(ind.number, cls="center"),
                        text(ind.name),
                        smart_cell(ind.target),
                        text(ind.unit),
                    ]
                )
            )
        body.append(rows)
    return Table(
        "agreement",
        _("Perjanjian Kinerja %(unit)s TA. %(year)s")
        % {"unit": report.unit.display_name, "year": report.year},
        head,
        body,
        [6, 28, 5, 40, 8, 13],
    )


def _goal_lead(g: GoalResult, first: bool) -> list[Cell]:
    """The goal's number and text on its first indicator's first row, blank cells after."""
    if first:
        return [text(g.number, cls="center"), text(g.text)]
    return [text("", cls="cont"), text("", cls="cont")]


def _blank(n: int, ind: IndicatorResult) -> list[Cell]:
    """Continuation cells under an indicator's first row, its code repeated in grey so a row
    continued on the next page still says whose it is. The month rows carry no row spans, so
    a page break between two of them leaves both parts of the table closed."""
    cells = [text("", cls="cont") for _ in range(n)]
    cells[2] = text(ind.code, cls="cont code")
    return cells


def action_plan_table(report: QuarterlyReport) -> Table:
    head = [
        [
            text(_("No."), rowspan=3),
            text(_("Sasaran Strategis"), rowspan=3),
            text(_("Indikator Kinerja"), rowspan=3),
            text(_("Target"), rowspan=3),
            text(_("Rencana Aksi"), colspan=8),
        ],
        [text(quarter_label(q), colspan=2) for q in (1, 2, 3, 4)],
        [text(_("Target Antara")), text(_("Rencana Kegiatan"))] * 4,
        column_numbers(12),
    ]
    body = []
    for g in report.goals:
        for k, ind in enumerate(g.indicators):
            rows = []
            for i in range(3):
                lead = (
                    _goal_lead(g, k == 0)
                    + [text(f"{ind.code} {ind.name}"), _value(ind.target, ind)]
                    if i == 0
                    else _blank(4, ind)
                )
                steps = []
                for q in range(4):
                    m = ind.months[3 * q + i]
                    steps += [
                        _month_pct(m.interim_target_pct),
                        text(
                            f"{m.label}: {m.planned_activities}"
                            if m.planned_activities
                            else m.label
                        ),
                    ]
                rows.append(Row(lead + steps))
            body.append(rows)
    return Table(
        "action_plan",
        _("Rencana Aksi %(unit)s") % {"unit": report.unit.display_name},
        head,
        body,
        [3, 8, 11, 6] + [4.5, 13.5] * 4,
        landscape=True,
        size="tiny",
    )


def achievement_table(report: QuarterlyReport, g: GoalResult) -> Table:
    until = _("Sampai %(q)s") % {"q": quarter_label(report.quarter)}
    head = [
        [
            text("No", rowspan=3),
            text(_("Sasaran Kegiatan"), rowspan=3),
            text(_("Indikator Kinerja"), rowspan=3),
            text(_("Target"), rowspan=3),
            text(_("Realisasi"), rowspan=3),
            text(_("Capaian"), rowspan=3),
            text(until, colspan=4),
        ],
        [text(_("% Fisik"), colspan=2), text(_("Kegiatan"), colspan=2)],
        [text(_("Target Antara")), text(_("Realisasi")), text(_("Rencana")), text(_("Realisasi"))],
        column_numbers(10),
    ]
    body = []
    for k, ind in enumerate(g.indicators):
        rows = []
        for i, month in enumerate(report.months):
            m = ind.months[month - 1]
            lead = (
                _goal_lead(g, k == 0)
                + [
                    text(f"{ind.code} {ind.name}"),
                    _value(ind.target, ind),
                    _value(ind.realisation, ind),
                    pct(ind.achievement_pct),
                ]
                if i == 0
                else _blank(6, ind)
            )
            rows.append(
                Row(
                    lead
                    + [
                        _month_pct(m.interim_target_pct if ind.plan_cumulative else None),
                        _month_pct(m.physical_pct),
                        text(f"{m.label}: {m.planned_activities}"),
                        text(f"{m.label}: {m.activities_done}" if m.activities_done else m.label),
                    ]
                )
            )
        body.append(rows)
    return Table(
        f"achievement:{g.number}",
        _("Capaian Kinerja Berdasarkan Perjanjian Kinerja %(q)s TA.%(year)s")
        % {"q": quarter_short(report.quarter), "year": report.year},
        head,
        body,
        [3, 10.5, 12, 7, 7, 7.5, 6, 6.5, 17.5, 23],
        size="tiny",
    )


def all_indicators_table(report: QuarterlyReport) -> Table:
    head = [
        [
            text("No", rowspan=2),
            text(_("Sasaran Kegiatan"), rowspan=2),
            text(_("Indikator Kinerja"), colspan=2, rowspan=2),
            text(_("Target"), rowspan=2),
            text(_("Realisasi"), rowspan=2),
            text(_("Capaian"), rowspan=2),
            text(_("Fisik (%)"), colspan=2),
        ],
        [text(_("Target")), text(_("Realisasi"))],
    ]
    body = []
    for g in report.goals:
        rows = []
        for k, ind in enumerate(g.indicators):
            lead = (
                [
                    text(g.number, rowspan=len(g.indicators), cls="center"),
                    text(g.text, rowspan=len(g.indicators)),
                ]
                if k == 0
                else []
            )
            rows.append(
                Row(
                    lead
                    + [
                        text(ind.code, cls="nowrap"),
                        text(ind.name),
                        _value(ind.target, ind),
                        _value(ind.realisation, ind),
                        pct(ind.achievement_pct),
                        smart_cell(ind.physical_target_pct),
                        smart_cell(ind.physical_realised_pct),
                    ]
                )
            )
        body.append(rows)
    return Table(
        "all_indicators",
        _("Target dan Realisasi Perjanjian Kinerja %(q)s") % {"q": quarter_label(report.quarter)},
        head,
        body,
        [5, 15, 6, 25, 11.5, 11.5, 10, 8, 8],
        size="small",
    )
