"""Budget and revenue tables of the PP 39 report (2.1-2.4, 2.6, 3.7, 3.8, 3.19/3.20, 4.2),
built from the computed ``QuarterlyReport``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from reports.pp39.narrative import quarter_label
from reports.pp39.tables.base import (
    Cell,
    Row,
    Table,
    integer,
    money,
    pct,
    text,
)

if TYPE_CHECKING:
    from reports.engine.money.dipa import BudgetResult, ProgrammeRow
    from reports.engine.report import QuarterlyReport

REVISION_PARTS = 10  # revision columns per printed part of table 2.2


def revisions_table(report: QuarterlyReport, b: BudgetResult) -> Table:
    head = [
        [
            text("No"),
            text(_("Nama")),
            text(_("Pagu (Rp)")),
            text(_("Tanggal")),
            text(_("Kewenangan")),
            text(_("Keterangan")),
        ]
    ]
    rows = [
        [
            Row(
                [
                    text(i, cls="center"),
                    text(r.label),
                    money(r.pagu),
                    Cell(r.date, "date", cls="nowrap"),
                    text(r.authority_label),
                    text(r.reason or "-"),
                ]
            )
        ]
        for i, r in enumerate(b.revisions, start=1)
    ]
    return Table(
        "revisions",
        _("Rincian Revisi DIPA"),
        head,
        rows,
        [5, 12, 15, 13, 13, 42],
        landscape=True,
        size="small",
    )


def revision_matrix_table(report: QuarterlyReport, b: BudgetResult) -> Table:
    revisions = b.revisions
    labels = [_("Pagu Awal") if r.number == 0 else f"Revisi {r.number}" for r in revisions]
    head = [[text(_("Kode")), text(_("KRO"))] + [text(f"{lb} (Rp)") for lb in labels]]
    body = [
        [Row([text(o.short_code), text(o.name)] + [money(v) for v in o.pagu_by_revision])]
        for o in b.outputs
    ]
    body.append(
        [Row([text(_("TOTAL")), text("")] + [money(v) for v in b.matrix_totals], cls="total")]
    )
    n = len(revisions)
    value_width = 74 / min(n, REVISION_PARTS) if n else 74
    return Table(
        "revision_matrix",
        _("Revisi Anggaran %(unit)s per KRO Tahun %(year)s")
        % {"unit": report.unit.display_name, "year": report.year},
        head,
        body,
        [9, 17] + [value_width] * n,
        landscape=True,
        size="tiny",
        column_parts=REVISION_PARTS,
    )


def budget_tree_table(report: QuarterlyReport, b: BudgetResult) -> Table:
    head = [[text(_("Kode")), text(_("Uraian")), text(_("Pagu (Rp)"))]]
    body: list[list[Row]] = []
    for label in (b.function_label, b.subfunction_label):
        if label:
            code, _sep, name = label.partition(" ")
            body.append([Row([text(code), text(name), money(b.pagu)], cls="group")])
    for node in b.tree:
        cls = {"programme": "group", "activity": "group", "kro": "sub"}.get(node.level, "")
        body.append(
            [
                Row(
                    [
                        text(node.code),
                        text(node.name, cls=f"indent-{node.depth}"),
                        money(node.pagu),
                    ],
                    cls=cls,
                )
            ]
        )
    return Table(
        "budget_tree",
        _("Komposisi Anggaran Kegiatan Tahun %(year)s") % {"year": report.year},
        head,
        body,
        [12, 63, 25],
    )


def spending_types_table(report: QuarterlyReport, b: BudgetResult) -> Table:
    head = [[text("No"), text(_("Jenis Belanja")), text(_("Pagu Anggaran (Rp)"))]]
    body = [
        [Row([text(i, cls="center"), text(f"{r.label} ({r.category})"), money(r.amount)])]
        for i, r in enumerate(b.spending_types, start=1)
    ]
    body.append(
        [
            Row(
                [text(_("Jumlah"), colspan=2), money(b.spending_types.total)],
                cls="total",
            )
        ]
    )
    return Table(
        "spending_types",
        _("Rincian Pagu %(unit)s berdasarkan Jenis Belanja TA.%(year)s")
        % {"unit": report.unit.display_name, "year": report.year},
        head,
        body,
        [8, 62, 30],
    )


def revenue_targets_table(report: QuarterlyReport) -> Table:
    head = [[text("No"), text(_("Jenis Penerimaan")), text(_("Target (Rp)"))]]
    body: list[list[Row]] = []
    for g in report.revenue.groups:
        lines = [ln for ln in g.lines if ln.target is not None]
        if not lines:
            continue
        group: list[Row] = []
        if g.number is not None:
            group.append(
                Row([text(g.number, cls="center"), text(g.name), money(g.target)], "group")
            )
        for ln in lines:
            group.append(Row([text(""), text(ln.name, cls="indent-1"), money(ln.target)]))
        body.append(group)
    body.append([Row([text(_("Total"), colspan=2), money(report.revenue.target)], cls="total")])
    return Table(
        "revenue_targets",
        _("Rencana Kinerja %(unit)s Tahun %(year)s")
        % {"unit": report.unit.display_name, "year": report.year},
        head,
        body,
        [8, 62, 30],
    )


def revenue_table(report: QuarterlyReport) -> Table:
    y, p = report.year, report.year - 1
    rev = report.revenue
    head = [
        [
            text("No"),
            text(_("Jenis Layanan Jasa")),
            text(_("PNBP %(y)s (Rp)") % {"y": p}),
            text(_("PNBP %(y)s (Rp)") % {"y": y}),
            text(_("Peningkatan (%)")),
        ]
    ]
    body: list[list[Row]] = []
    for g in report.revenue.groups:
        group: list[Row] = []
        if g.number is not None:
            group.append(
                Row(
                    [
                        text(g.number, cls="center"),
                        text(g.name),
                        money(g.previous_year),
                        money(g.realisation),
                        text(""),
                    ],
                    cls="group",
                )
            )
        for ln in g.lines:
            group.append(
                Row(
                    [
                        text(""),
                        text(ln.name, cls="indent-1" if g.number is not None else ""),
                        money(ln.previous_year),
                        money(ln.realisation),
                        pct(ln.growth_pct),
                    ]
                )
            )
        body.append(group)
    body.append(
        [
            Row(
                [
                    text(_("Total"), colspan=2),
                    money(rev.previous_year),
                    money(rev.realisation),
                    pct(rev.growth_pct),
                ],
                cls="total",
            )
        ]
    )
    return Table(
        "revenue",
        _("Perbandingan Penerimaan PNBP sampai dengan %(q)s %(unit)s Tahun %(p)s dan %(y)s")
        % {"q": quarter_label(report.quarter), "unit": report.unit.display_name, "p": p, "y": y},
        head,
        body,
        [7, 43, 18, 18, 14],
    )


def services_table(report: QuarterlyReport) -> Table:
    y, p = report.year, report.year - 1
    s = report.services
    head = [
        [
            text("No"),
            text(_("Jenis Layanan Jasa")),
            text(_("Satuan")),
            text(str(p)),
            text(str(y)),
            text(_("Peningkatan (%)")),
        ]
    ]
    body = [
        [
            Row(
                [
                    text(i, cls="center"),
                    text(k.name),
                    text(k.unit_of_measure),
                    integer(k.previous_year),
                    integer(k.current),
                    pct(k.growth_pct),
                ]
            )
        ]
        for i, k in enumerate(s.kinds, start=1)
    ]
    body.append(
        [
            Row(
                [
                    text(_("Total"), colspan=3),
                    integer(s.previous_year),
                    integer(s.current),
                    pct(s.growth_pct),
                ],
                cls="total",
            )
        ]
    )
    return Table(
        "services",
        _("Perbandingan hasil layanan %(unit)s antara tahun %(p)s dan %(y)s")
        % {"unit": report.unit.display_name, "p": p, "y": y},
        head,
        body,
        [7, 33, 24, 11, 11, 14],
    )


def outputs_table(report: QuarterlyReport, b: BudgetResult, p: ProgrammeRow) -> Table:
    location = b.location
    until = _("S.D. %(q)s (%%)") % {"q": quarter_label(report.quarter)}
    head = [
        [
            text(_("Output"), colspan=2, rowspan=3),
            text(_("Pagu (Rp)"), rowspan=3),
            text(until, colspan=4),
            text(_("Lokasi Kegiatan"), rowspan=3),
        ],
        [text(_("Keuangan"), colspan=2), text(_("Fisik"), colspan=2)],
        [text("S"), text("R"), text("S"), text("R")],
    ]
    body = [
        [
            Row(
                [
                    text(o.code),
                    text(o.name),
                    money(o.pagu),
                    pct(o.planned_financial_pct),
                    pct(o.spending_pct),
                    pct(o.planned_physical_pct),
                    pct(o.physical_pct),
                    text(location),
                ]
            )
        ]
        for o in p.outputs
    ]
    body.append(
        [
            Row(
                [
                    text(
                        _("Jumlah (tertimbang pagu, %% dari DIPA %(share)s)")
                        % {"share": pct(p.share_pct).text},
                        colspan=2,
                    ),
                    money(p.pagu),
                    pct(p.weighted_planned_financial_pct),
                    pct(p.weighted_spending_pct),
                    pct(p.weighted_planned_physical_pct),
                    pct(p.weighted_physical_pct),
                    text(""),
                ],
                cls="total",
            )
        ]
    )
    return Table(
        f"outputs:{p.code}",
        _("Rincian output berdasarkan indikator pada kinerja kegiatan"),
        head,
        body,
        [7, 24, 15, 9, 9, 9, 9, 18],
        size="small",
    )


def overall_table(report: QuarterlyReport, b: BudgetResult | None) -> Table:
    """Table 4.2: spending against the disbursement plan and, where the echelon-I set one,
    against its budget-absorption target; physical progress against its plan."""
    head = [[text(_("Jenis Realisasi")), text(_("% Target")), text(_("% Realisasi"))]]
    spent = b.spending_pct if b else None
    body = [
        [
            Row(
                [
                    text(_("Keuangan (terhadap rencana penarikan dana)")),
                    pct(b and b.planned_financial_pct),
                    pct(spent),
                ]
            )
        ]
    ]
    if report.absorption_target_pct is not None:
        issuer = report.unit.parent.display_name if report.unit.parent else ""
        body.append(
            [
                Row(
                    [
                        text(_("Keuangan (terhadap target penyerapan %(i)s)") % {"i": issuer}),
                        pct(report.absorption_target_pct),
                        pct(spent),
                    ]
                )
            ]
        )
    body.append(
        [Row([text(_("Fisik")), pct(b and b.planned_physical_pct), pct(b and b.physical_pct)])]
    )
    return Table(
        "overall",
        _("Target dan Realisasi Output/Kegiatan sampai %(q)s")
        % {"q": quarter_label(report.quarter)},
        head,
        body,
        [50, 25, 25],
    )
