"""Supporting tables of the PP 39 report's indicators (3.3/3.6 measurements, 3.11 survey
elements, 3.13 trainings, 3.15 IPP aspects, 3.17/3.18 peer evaluations), built from the
computed ``QuarterlyReport``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from reports.pp39.tables.base import Row, Table, dec2, integer, pct, smart_cell, text

if TYPE_CHECKING:
    from reports.engine.report import IndicatorResult, PeerRow, QuarterlyReport

KIND_GROUPS = [
    ("balai_besar", "A", "Balai Besar"),
    ("balai", "B", "Balai"),
    ("pusat", "C", "Pusat / Sekretariat"),
    ("eselon1", "D", "Unit Eselon I"),
]


def measurements_table(report: QuarterlyReport, ind: IndicatorResult) -> Table:
    name = ind.name.lower()
    if "kolaborasi" in name:
        what = _("Kegiatan Kolaborasi")
    elif "konsultansi" in name or "konsultasi" in name:
        what = _("Kegiatan Konsultansi")
    else:
        what = ind.name
    head = [
        [
            text("No"),
            text(_("Nama Perusahaan")),
            text(_("Jasa yang diberikan")),
            text(_("Performansi Sebelum")),
            text(_("Performansi Sesudah")),
            text(_("Perbandingan")),
        ]
    ]

    def side(txt: str, value, unit: str) -> str:
        if txt:
            return txt
        return f"{smart_cell(value).text} {unit}".strip()

    body = [
        [
            Row(
                [
                    text(i, cls="center"),
                    text(m.company),
                    text(m.service),
                    text(side(m.before_text, m.before_value, m.measure_unit)),
                    text(side(m.after_text, m.after_value, m.measure_unit)),
                    pct(m.published_pct),
                ]
            )
        ]
        for i, m in enumerate(ind.measurements, start=1)
    ]
    body.append([Row([text(_("Total rata-rata"), colspan=5), pct(ind.realisation)], cls="total")])
    return Table(
        f"measurements:{ind.code}",
        _("Perhitungan Nilai Ukuran Performa Hasil %(what)s") % {"what": what},
        head,
        body,
        [5, 20, 27, 17, 17, 14],
    )


def survey_table(report: QuarterlyReport, ind: IndicatorResult) -> Table:
    head = [
        [
            text("No"),
            text(_("Unsur Pelayanan")),
            text(_("Nilai Unsur")),
            text(_("Mutu Pelayanan")),
        ]
    ]
    body = [
        [Row([text(r.number, cls="center"), text(r.label), smart_cell(r.value), text(r.note)])]
        for r in ind.rows
    ]
    body.append(
        [
            Row(
                [
                    text(_("Indeks Kepuasan Masyarakat (nilai konversi)"), colspan=2),
                    smart_cell(ind.realisation),
                    text(
                        f"{smart_cell(ind.converted_value).text} · {ind.category_code} "
                        f"{ind.category_label}".strip()
                    ),
                ],
                cls="total",
            )
        ]
    )
    return Table(
        f"survey:{ind.code}",
        _("Unsur penilaian Survey Kepuasan Masyarakat"),
        head,
        body,
        [7, 58, 15, 20],
    )


def trainings_table(report: QuarterlyReport, ind: IndicatorResult) -> Table:
    from perkin.calendar import MONTHS

    head = [
        [
            text("No"),
            text(_("Nama Pelatihan")),
            text(_("Tanggal")),
            text(_("Penyelenggara")),
            text(_("Target Peserta")),
            text(_("Jumlah Peserta")),
        ]
    ]
    body = [
        [
            Row(
                [
                    text(t.number, cls="center"),
                    text(t.name),
                    text(t.dates_text),
                    text(t.organiser),
                    text(t.audience),
                    integer(t.participants),
                ]
            )
        ]
        for t in report.trainings
    ]
    return Table(
        f"trainings:{ind.code}",
        _("Rekapitulasi Pelatihan dari Bulan Januari s.d. %(month)s")
        % {"month": MONTHS[report.last_month]},
        head,
        body,
        [5, 35, 15, 19, 16, 10],
        size="small",
    )


def ipp_table(report: QuarterlyReport, ind: IndicatorResult) -> Table:
    head = [
        [
            text("No"),
            text(_("Aspek")),
            text(_("Indeks Aspek")),
            text(_("Bobot Aspek")),
            text(_("Indeks Pelayanan Publik")),
        ]
    ]
    body = [
        [
            Row(
                [
                    text(r.number, cls="center"),
                    text(r.label),
                    smart_cell(r.value),
                    smart_cell(r.extra, suffix="%"),
                    smart_cell(r.weighted),
                ]
            )
        ]
        for r in ind.rows
    ]
    body.append(
        [
            Row(
                [text(_("Nilai Indeks Pelayanan Publik"), colspan=4), smart_cell(ind.realisation)],
                "total",
            )
        ]
    )
    return Table(
        f"ipp:{ind.code}",
        _("Perhitungan indeks layanan Publik %(unit)s TA %(year)s")
        % {"unit": report.unit.display_name, "year": report.year},
        head,
        body,
        [7, 43, 16, 14, 20],
    )


def _peer_groups(peers: list[PeerRow]) -> list[tuple[str, list[PeerRow]]]:
    out = []
    for kind, letter, label in KIND_GROUPS:
        members = [p for p in peers if p.kind == kind]
        if members:
            out.append((f"{letter}. {label}", members))
    return out


def sakip_peers_table(report: QuarterlyReport, ind: IndicatorResult) -> Table:
    names = [r.label for r in ind.rows] or [
        f"Komponen {i}"
        for i in range(1, 1 + max((len(p.components) for p in report.sakip_peers), default=0))
    ]
    head = [
        [text("No"), text(_("Unit Kerja"))]
        + [text(n) for n in names]
        + [text(_("Total Nilai")), text(_("Kategori")), text(_("Peringkat"))]
    ]
    ncols = 5 + len(names)
    body = []
    for label, members in _peer_groups(report.sakip_peers):
        group = [Row([text(label, colspan=ncols)], cls="group")]
        for i, p in enumerate(members, start=1):
            comps = list(p.components) + [None] * (len(names) - len(p.components))
            group.append(
                Row(
                    [text(i, cls="center"), text(p.name)]
                    + [dec2(c) for c in comps[: len(names)]]
                    + [dec2(p.total), text(p.category_code, cls="center"), integer(p.rank)],
                    cls="self" if p.is_self else "",
                )
            )
        body.append(group)
    comp_width = 44 / max(len(names), 1)
    return Table(
        f"sakip_peers:{ind.code}",
        _("Perbandingan nilai akuntabilitas kinerja satker di lingkungan %(parent)s TA.%(year)s")
        % {"parent": _parent_name(report), "year": report.year},
        head,
        body,
        [5, 21] + [comp_width] * len(names) + [11, 9, 10],
        size="small",
    )


def financial_peers_table(report: QuarterlyReport, ind: IndicatorResult) -> Table:
    head = [
        [
            text("No"),
            text(_("Satuan Kerja")),
            text(_("Nilai Laporan Keuangan")),
            text(_("Peringkat")),
        ]
    ]
    body = []
    for label, members in _peer_groups(report.financial_peers):
        group = [Row([text(label, colspan=4)], cls="group")]
        for i, p in enumerate(members, start=1):
            group.append(
                Row(
                    [text(i, cls="center"), text(p.name), dec2(p.total), integer(p.rank)],
                    cls="self" if p.is_self else "",
                )
            )
        body.append(group)
    own = next((p for p in report.financial_peers if p.is_self), None)
    assessed = (own.assessed_year if own else None) or report.year
    return Table(
        f"financial_peers:{ind.code}",
        _("Perbandingan nilai laporan keuangan satker di lingkungan %(parent)s TA %(year)s")
        % {"parent": _parent_name(report), "year": assessed},
        head,
        body,
        [8, 56, 22, 14],
    )


def _parent_name(report: QuarterlyReport) -> str:
    parent = report.unit.parent
    return parent.display_name if parent else report.unit.display_name
