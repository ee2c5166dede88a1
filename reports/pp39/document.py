"""The PP 39 report as a document: its chapters, numbered tables and figures, generated
sentences and the staff texts in their places, assembled from one computed
``QuarterlyReport``. The screen view, the PDF, the HTML file and the workbook all render this.

Tables and figures are numbered per chapter in the order the chapters present them
("Tabel 3.7"); the templates print the chapters in that same order.
"""

from __future__ import annotations

import base64
import mimetypes
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from django.contrib.staticfiles import finders
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from reports.engine.methods import method_for
from reports.pp39 import narrative as nv
from reports.pp39 import sentences as rs
from reports.pp39.annex import Annex, build_annex
from reports.pp39.charts import composition_bar_chart
from reports.pp39.tables import budget as tb
from reports.pp39.tables import performance as tp
from reports.pp39.tables import support as ts
from reports.pp39.tables.base import Figure, Numbering, Table

if TYPE_CHECKING:
    from reports.engine.money.dipa import OutputRow, ProgrammeRow
    from reports.engine.report import GoalResult, IndicatorResult, QuarterlyReport

STAFF_DIMENSIONS = [
    ("education", "Pendidikan Terakhir"),
    ("status", "Status Kepegawaian"),
    ("position", "Jabatan"),
]
# The data model does not link trainings or the financial-report peers to an indicator; the
# agreement's standard indicator names do (BSKJI's "Rata-rata indeks profesionalitas ASN",
# "Nilai minimal laporan keuangan"), as in the seed (tables 3.13 and 3.18).
SUPPORT_BY_NAME = [("profesionalitas", "trainings"), ("laporan keuangan", "financial_peers")]


@dataclass
class IndicatorSection:
    ind: IndicatorResult
    anchor: str
    result_sentence: SafeString
    tables: list[tuple[str, Table]]  # (the sentence that introduces it, table)
    companies: list[str]
    support_note: str
    physical_sentence: str
    analysis: str
    verdict_sentence: SafeString
    comparison_sentence: str
    obstacles: str
    recommendation: str


@dataclass
class GoalSection:
    goal: GoalResult
    anchor: str
    intro: str
    table: Table
    indicators: list[IndicatorSection]


@dataclass
class OutputSection:
    output: OutputRow
    sentence: str
    analysis: str


@dataclass
class ProgrammeSection:
    programme: ProgrammeRow
    anchor: str
    intro: str
    table: Table
    analysis: str
    outputs: list[OutputSection]
    obstacles: str
    recommendation: str


@dataclass
class ReportDocument:
    report: QuarterlyReport
    words: dict[str, str]
    texts: dict[str, str]
    sentences: dict[str, str]
    t: dict[str, Table]  # the tables of BAB II and IV by key
    figures: list[Figure]
    goals: list[GoalSection]
    programmes: list[ProgrammeSection]
    numbering: Numbering = field(default_factory=Numbering)
    org_chart: Figure | None = None
    staff_figures: list[tuple[str, Figure]] = field(default_factory=list)  # (sentence, figure)
    parents: list[str] = field(default_factory=list)  # the cover's lines above the unit
    annex: Annex | None = None
    funding_initial: list = field(default_factory=list)
    funding_current: list = field(default_factory=list)
    logo: str = ""  # data URI of static/img/logo/<unit code>.(svg|png), if the unit has one

    @property
    def closing_paragraphs(self) -> tuple[str, str]:
        """The closing recommendations split before their last paragraph, which is printed
        with the signature so that the signature never stands alone on a page."""
        paras = [p for p in self.texts.get("closing_recommendations", "").split("\n\n") if p]
        return "\n\n".join(paras[:-1]), (paras[-1] if paras else "")

    front_anchors = ("kata-pengantar", "daftar-isi", "daftar-gambar", "daftar-tabel")

    @property
    def tables(self) -> list[Table]:
        """Every table in document order."""
        return self.numbering.tables

    @property
    def toc(self) -> list[tuple[int, str, str]]:
        """(level, anchor, label) of the headings, in order."""
        q = self.words["quarter"]
        y = self.report.year
        entries = [
            (0, "kata-pengantar", _("KATA PENGANTAR")),
            (0, "daftar-isi", _("DAFTAR ISI")),
            (0, "daftar-gambar", _("DAFTAR GAMBAR")),
            (0, "daftar-tabel", _("DAFTAR TABEL")),
            (0, "bab-1", _("BAB I PENDAHULUAN")),
            (1, "s-1-1", _("1.1. Tugas dan Fungsi Organisasi")),
            (1, "s-1-2", _("1.2. Latar Belakang Kegiatan / Program")),
            (1, "s-1-3", _("1.3. Struktur Organisasi")),
            (0, "bab-2", _("BAB II RENCANA PROGRAM DAN KEGIATAN")),
            (1, "s-2-1", _("2.1. Kegiatan Tahun Anggaran %(y)s") % {"y": y}),
            (1, "s-2-2", _("2.2. Sasaran Kegiatan dan Indikator Kinerja Kegiatan")),
            (0, "bab-3", _("BAB III PELAKSANAAN KEGIATAN")),
            (1, "s-3-1", _("3.1. Hasil yang telah dicapai dan analisis capaian kinerja")),
            (2, "s-3-1-1", _("3.1.1. Analisis Capaian Kinerja Berdasarkan Perjanjian Kinerja")),
        ]
        entries += [(3, g.anchor, self.goal_heading(g)) for g in self.goals]
        entries += [
            (
                2,
                "s-3-1-2",
                _("3.1.2. Hasil yang telah dicapai berdasarkan indikator kinerja kegiatan"),
            ),
            (1, "s-3-2", _("3.2. Hambatan dan Kendala Pelaksanaan")),
            (1, "s-3-3", _("3.3. Langkah dan Tindak Lanjut")),
            (0, "bab-4", _("BAB IV PENUTUP")),
            (1, "s-4-1", _("4.1. Realisasi Kegiatan %(q)s") % {"q": q}),
            (1, "s-4-2", _("4.2. Hambatan dan Kendala Pelaksanaan")),
            (1, "s-4-3", _("4.3. Saran dan Tindak Lanjut")),
        ]
        if self.annex is not None:
            entries.append((0, "lampiran", self.annex.title))
        return entries

    @staticmethod
    def goal_heading(g: GoalSection) -> str:
        return _("Sasaran Strategis %(r)s: %(t)s") % {"r": g.goal.roman, "t": g.goal.text}


def build_document(report: QuarterlyReport) -> ReportDocument:
    """Assembles the document of a computed quarterly report (no database access)."""
    q = report.quarter
    words = {
        "quarter": nv.quarter_label(q),
        "quarter_short": nv.quarter_short(q),
        "until": nv.until_quarter(q),
        "months": nv.quarter_months(q),
        "year": str(report.year),
        "previous_year": str(report.year - 1),
        "unit": report.unit.display_name,
        "place_date": report.texts.get("foreword_place_date") or nv.default_place_date(report),
    }
    texts = {key: nv.strip_formulaic(value) for key, value in report.texts.items()}
    texts["foreword"] = texts.get("foreword") or nv.default_foreword(report)
    doc = ReportDocument(report, words, texts, {}, {}, [], [], [])
    doc.logo = unit_logo(report.unit)
    n = doc.numbering

    doc.parents = parent_lines(report)
    # BAB I: the organisation chart, then the staff composition charts; a figure number typed
    # in a text is replaced by the generated one, so a text never points at the wrong figure
    if report.org_chart is not None:
        chart = report.org_chart
        uri = image_data_uri(bytes(chart.content), chart.content_type)
        title = _("Struktur Organisasi %(u)s") % {"u": report.unit.name}
        doc.org_chart = n.figure(1, Figure("org_chart", title, uri))
        doc.figures.append(doc.org_chart)
    texts["organisation"] = figure_refs(report.unit.organisation, doc.org_chart)
    for dimension, label in STAFF_DIMENSIONS:
        rows = [s for s in report.staff if s.dimension == dimension]
        if not rows:
            continue
        rows.sort(key=lambda s: (-s.count, s.category))
        title = _("Komposisi Pegawai %(u)s Berdasarkan %(d)s") % {"u": words["unit"], "d": label}
        chart = composition_bar_chart([s.category for s in rows], [s.count for s in rows], "")
        figure = n.figure(1, Figure(f"staff:{dimension}", title, chart))
        doc.figures.append(figure)
        sentence = _("Komposisi pegawai berdasarkan %(d)s disajikan pada Gambar %(n)s.") % {
            "d": label.lower(),
            "n": figure.number,
        }
        doc.staff_figures.append((sentence, figure))

    # BAB II
    b = report.budget
    if b is not None:
        for key, build in (
            ("revisions", tb.revisions_table),
            ("revision_matrix", tb.revision_matrix_table),
            ("budget_tree", tb.budget_tree_table),
            ("spending_types", tb.spending_types_table),
        ):
            if key == "spending_types" and not b.spending_types:
                continue  # said in a sentence instead of an empty table
            doc.t[key] = n.table(2, build(report, b))
    doc.t["agreement"] = n.table(2, tp.agreement_table(report))
    if report.revenue.target is not None:
        doc.t["revenue_targets"] = n.table(2, tb.revenue_targets_table(report))
    doc.sentences.update(rs.budget_sentences(report, doc.t))
    if b is not None:
        initial = b.revisions[0].pagu if b.revisions else None
        doc.funding_initial = rs.funding_rows(b.initial_funding_sources, initial)
        doc.funding_current = rs.funding_rows(b.funding_sources, b.pagu)

    # BAB III
    doc.t["action_plan"] = n.table(3, tp.action_plan_table(report))
    for g in report.goals:
        doc.goals.append(_goal_section(report, g, n))
    for p in b.programmes if b else []:
        doc.programmes.append(_programme_section(report, b, p, n))

    # BAB IV
    doc.t["all_indicators"] = n.table(4, tp.all_indicators_table(report))
    doc.t["overall"] = n.table(4, tb.overall_table(report, b))
    doc.sentences.update(rs.closing_sentences(report, doc.t, len(doc.programmes)))
    doc.annex = build_annex(report)
    return doc


_FIGURE_REF = re.compile(
    r"(?:\s*,?\s*(?:seperti|sebagaimana)\s+(?:terlihat|tampak|disajikan|ditunjukkan)\s+pada)?"
    r"\s*Gambar\s+\d+(?:\.\s?\d+)?",
    re.IGNORECASE,
)


def figure_refs(text: str, figure: Figure | None) -> str:
    """The text with its hand-typed figure numbers replaced by the generated number of the
    figure its section presents, or the reference left out when there is no such figure."""
    if not text:
        return ""
    if figure is None:
        return _FIGURE_REF.sub("", text)
    return re.sub(r"\bGambar\s+\d+(?:\.\s?\d+)?", f"Gambar {figure.number}", text)


def parent_lines(report: QuarterlyReport) -> list[str]:
    """The names of the units above the report's unit, from the top (the cover's lines)."""
    lines, parent, seen = [], report.unit.parent, set()
    while parent is not None and parent.pk not in seen:
        seen.add(parent.pk)
        lines.insert(0, parent.name)
        parent = parent.parent
    return lines


def image_data_uri(content: bytes, content_type: str) -> str:
    return f"data:{content_type};base64," + base64.b64encode(content).decode("ascii")


def unit_logo(unit) -> str:
    """The logo of the unit, else of the nearest unit above it (the ministry's), as a data URI
    from static/img/logo/<code>.svg or .png ('' if none)."""
    seen: set[int] = set()
    while unit is not None and unit.pk not in seen:
        seen.add(unit.pk)
        for ext in ("svg", "png"):
            path = finders.find(f"img/logo/{unit.code}.{ext}")
            if path:
                mime = mimetypes.guess_type(path)[0] or "image/png"
                return image_data_uri(Path(path).read_bytes(), mime)
        unit = unit.parent
    return ""


def _goal_section(report: QuarterlyReport, g: GoalResult, n: Numbering) -> GoalSection:
    intro = _(
        "Sasaran Kegiatan %(r)s pada perjanjian kinerja %(u)s TA. %(y)s memiliki %(c)s indikator "
        "kinerja yang diuraikan sebagai berikut."
    ) % {
        "r": g.roman,
        "u": report.unit.display_name,
        "y": report.year,
        "c": nv.count_words(len(g.indicators)),
    }
    table = n.table(3, tp.achievement_table(report, g))
    sections = [_indicator_section(report, ind, n) for ind in g.indicators]
    return GoalSection(g, f"sasaran-{g.number}", intro, table, sections)


# The supporting table each kind (engine.methods: IndicatorMethod.support_table) prints.
SUPPORT_TABLES = {
    "measurements": ts.measurements_table,
    "revenue": lambda report, ind: tb.revenue_table(report),
    "services": lambda report, ind: tb.services_table(report),
    "survey": ts.survey_table,
    "ipp": ts.ipp_table,
    "sakip_peers": ts.sakip_peers_table,
}


def _support_tables(report: QuarterlyReport, ind: IndicatorResult) -> list[tuple[str, Table]]:
    """The indicator's supporting tables, each as (kind, table)."""
    tables: list[tuple[str, Table]] = []
    kind = method_for(ind.method).support_table(ind)
    if kind == "sakip_peers" and report.sakip_peers:
        tables.append(("sakip_peers", ts.sakip_peers_table(report, ind)))
    elif kind is not None and kind != "sakip_peers":
        tables.append(("computed", SUPPORT_TABLES[kind](report, ind)))
    name = ind.name.lower()
    for word, kind in SUPPORT_BY_NAME:
        if word not in name:
            continue
        if kind == "trainings" and report.trainings:
            tables.append((kind, ts.trainings_table(report, ind)))
        if kind == "financial_peers" and report.financial_peers:
            tables.append((kind, ts.financial_peers_table(report, ind)))
    return tables


def _indicator_section(
    report: QuarterlyReport, ind: IndicatorResult, n: Numbering
) -> IndicatorSection:
    tables, unavailable = [], []
    for kind, t in _support_tables(report, ind):
        if t.has_values:
            tables.append((rs.table_sentence(report, kind, n.table(3, t)), t))
        else:
            unavailable.append(t.title)
    companies = [f"{r.label} ({r.note})" if r.note else r.label for r in ind.rows]
    return IndicatorSection(
        ind=ind,
        anchor=f"ik-{ind.code.replace('.', '-')}",
        result_sentence=nv.realisation_sentence(ind, report),
        tables=tables,
        companies=companies if method_for(ind.method).lists_companies else [],
        support_note=" ".join(
            [method_for(ind.method).describe(ind)]
            + [
                _("Data %(t)s belum tersedia.")
                % {
                    "t": nv.lcfirst(title)
                    if nv.until_quarter(report.quarter) in title
                    else f"{nv.lcfirst(title)} {nv.until_quarter(report.quarter)}"
                }
                for title in unavailable
            ]
        ).strip(),
        physical_sentence=nv.physical_sentence(ind, report),
        analysis=nv.strip_formulaic(ind.analysis),
        verdict_sentence=nv.verdict_sentence(ind, report),
        comparison_sentence=nv.comparison_sentence(ind, report),
        obstacles=nv.strip_formulaic(ind.obstacles),
        recommendation=nv.strip_formulaic(ind.recommendation),
    )


def _programme_section(report, b, p: ProgrammeRow, n: Numbering) -> ProgrammeSection:
    table = n.table(3, tb.outputs_table(report, b, p))
    intro = _(
        "Pada kegiatan ini terdapat %(c)s Klasifikasi Rincian Output (KRO) yang terdiri dari:"
    ) % {"c": nv.count_words(len(p.outputs))}
    outputs = [
        OutputSection(o, nv.output_sentence(o, report), nv.strip_formulaic(o.analysis))
        for o in p.outputs
    ]
    return ProgrammeSection(
        p,
        f"program-{p.code}",
        intro,
        table,
        nv.strip_formulaic(p.analysis),
        outputs,
        nv.strip_formulaic(p.obstacles),
        nv.strip_formulaic(p.recommendation),
    )
