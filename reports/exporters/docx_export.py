"""The quarterly report as an editable Word document (.docx, python-docx), laid out from the same
``ReportDocument`` as the PDF: the same chapters, sentences, staff texts and tables, so a number
cannot differ between formats.

Headings use Word's built-in styles (Heading 1 for chapters down to Heading 5 for indicators),
so Word's table of contents works (the document carries a TOC field that Word refreshes on
opening); table header rows repeat on every page; the 12-month and wide tables sit in landscape
sections; while the report has open error findings every page's header says DRAF and an annex
lists them.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from django.utils import translation
from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from perkin.calendar import ROMAN
from perkin.formatting import rupiah
from reports.exporters.base import Exporter, register
from reports.exporters.docx_parts import (
    DRAFT_RED,
    WordWriter,
    add_field,
    png_of,
    repeat_header,
    set_orientation,
    set_widths,
    update_fields_on_open,
    usable_width,
)
from reports.exporters.html_export import REPORT_LANGUAGE
from reports.pp39.document import build_document

if TYPE_CHECKING:
    from reports.engine.report import QuarterlyReport
    from reports.pp39.document import GoalSection, IndicatorSection, ReportDocument

MISSING = "Belum diisi."


class WordReport(WordWriter):
    """Writes one ReportDocument into a python-docx Document."""

    def __init__(self, doc: ReportDocument):
        self.doc = doc
        self.report = doc.report
        super().__init__()
        self._styles()
        set_orientation(self.word.sections[0], landscape=False)
        self._page_header_and_footer(self.word.sections[0])

    # --- building blocks ---------------------------------------------------------------

    def _styles(self) -> None:
        normal = self.word.styles["Normal"]
        normal.font.name = "Liberation Sans"
        normal.font.size = Pt(11)
        normal.paragraph_format.space_after = Pt(6)
        for level, size in ((1, 15), (2, 13), (3, 12), (4, 11.5), (5, 11)):
            self.word.styles[f"Heading {level}"].font.size = Pt(size)

    def _page_header_and_footer(self, section) -> None:
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if self.report.is_draft:
            run = header.add_run(self.doc.annex.draft_line)
            run.bold = True
            run.font.color.rgb = DRAFT_RED
        else:
            run = header.add_run(
                f"{_('Laporan PP 39')} · {self.doc.words['unit']} · "
                f"{self.doc.words['quarter']} TA {self.doc.words['year']}"
            )
            run.font.size = Pt(8)
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        footer.add_run(_("Halaman") + " ")
        add_field(footer, "PAGE", "1")
        footer.add_run(" " + _("dari") + " ")
        add_field(footer, "NUMPAGES", "1")

    def signature(self) -> None:
        unit = self.report.unit
        for line in (
            self.doc.words["place_date"],
            unit.head_title or _("Kepala Unit Kerja"),
            "",
            "",
            unit.head_name or "……………………………",
        ):
            paragraph = self.word.add_paragraph(line)
            paragraph.paragraph_format.left_indent = Cm(9)
            paragraph.paragraph_format.space_after = Pt(0)

    # --- the document ------------------------------------------------------------------

    def build(self) -> bytes:
        self.cover()
        self.front()
        self.chapter_1()
        self.chapter_2()
        self.chapter_3()
        self.chapter_4()
        if self.doc.annex is not None:
            self.findings_annex()
        update_fields_on_open(self.word)
        buffer = io.BytesIO()
        self.word.save(buffer)
        return buffer.getvalue()

    def cover(self) -> None:
        words = self.doc.words
        # an official cover as the PDF prints it: centred, black, bold upper-case title
        title = self.word.add_paragraph()
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title.paragraph_format.space_before = Pt(72)
        title.paragraph_format.space_after = Pt(24)
        run = title.add_run(
            (
                _(
                    "Laporan Pengendalian dan Evaluasi Pelaksanaan Rencana Pembangunan sesuai "
                    "PP 39 Tahun 2006 pada Satker"
                )
                + f" {self.report.unit.name}"
            ).upper()
        )
        run.bold = True
        run.font.size = Pt(16)
        for line in (
            words["quarter"],
            f"({_('Periode')} {words['months']})",
            f"{_('Tahun Anggaran')} {words['year']}",
        ):
            paragraph = self.word.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.add_run(line).font.size = Pt(13)
        png = png_of(self.doc.logo)
        if png:
            self.word.add_picture(io.BytesIO(png), width=Cm(5))
            self.word.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        self.word.add_paragraph(self.report.unit.name).alignment = WD_ALIGN_PARAGRAPH.CENTER
        self.page_break()

    def front(self) -> None:
        self.heading(_("KATA PENGANTAR"), 1)
        self.text(self.doc.texts.get("foreword"), placeholder=MISSING)
        self.signature()
        self.page_break()
        self.heading(_("DAFTAR ISI"), 1)
        shown = "\n".join(label for _level, _anchor, label in self.doc.toc)
        add_field(self.word.add_paragraph(), 'TOC \\o "1-5" \\h \\z \\u', shown)
        self.page_break()
        self.heading(_("DAFTAR GAMBAR"), 1)
        for f in self.doc.figures or []:
            self.word.add_paragraph(f.caption)
        if not self.doc.figures:
            self.word.add_paragraph(_("Tidak ada gambar."))
        self.heading(_("DAFTAR TABEL"), 1)
        for t in self.doc.tables:
            self.word.add_paragraph(t.caption).paragraph_format.space_after = Pt(0)
        self.page_break()

    def chapter_1(self) -> None:
        unit = self.report.unit
        self.heading(_("BAB I PENDAHULUAN"), 1)
        self.heading(_("1.1. Tugas dan Fungsi Organisasi"), 2)
        self.text(unit.tasks_and_functions, placeholder=MISSING)
        self.heading(_("1.2. Latar Belakang Kegiatan / Program"), 2)
        self.text(unit.background, placeholder=MISSING)
        self.heading(_("1.3. Struktur Organisasi"), 2)
        self.text(unit.organisation, placeholder=MISSING)
        self.text(unit.staff_summary)
        for figure in self.doc.figures:
            if figure.chapter == 1:
                self.figure(figure)
        self.text(unit.facilities)

    def chapter_2(self) -> None:
        doc, b = self.doc, self.report.budget
        self.page_break()
        self.heading(_("BAB II RENCANA PROGRAM DAN KEGIATAN"), 1)
        self.heading(_("2.1. Kegiatan Tahun Anggaran %(y)s") % {"y": doc.words["year"]}, 2)
        if b:
            self.sentence(doc.sentences.get("programmes"))
            for i, p in enumerate(b.programmes, start=1):
                self.word.add_paragraph(
                    f"{i}. {p.name} ({p.code}) {_('dengan kegiatan')} {p.activity_name} "
                    f"({p.activity_code}) {_('yang terdiri dari:')}"
                )
                for o in p.outputs:
                    self.word.add_paragraph(f"{o.name} ({o.code})", style="List Bullet")
        self.text(doc.texts.get("programme_intro"))
        if not b:
            self.word.add_paragraph(_("DIPA tahun ini belum dicatat."))
        else:
            self.sentence(doc.sentences.get("initial_pagu"))
            for r in doc.funding_initial:
                self.word.add_paragraph(f"{r.label}: Rp {_rp(r.amount)}", style="List Number")
            self.sentence(doc.sentences.get("revision_count"))
            self.orientation(True)
            self.table(doc.t["revisions"])
            self.table(doc.t["revision_matrix"])
            self.orientation(False)
            self.sentence(doc.sentences.get("current_pagu"))
            for r in doc.funding_current:
                self.word.add_paragraph(f"{r.label}: Rp {_rp(r.amount)}", style="List Number")
            self.sentence(doc.sentences.get("tree_intro"))
            self.table(doc.t["budget_tree"])
            self.sentence(doc.sentences.get("types_intro"))
            self.table(doc.t["spending_types"])
        self.heading(_("2.2. Sasaran Kegiatan dan Indikator Kinerja Kegiatan"), 2)
        self.text(doc.texts.get("agreement_intro"))
        self.sentence(doc.sentences.get("agreement_ref"))
        self.table(doc.t["agreement"])
        if "revenue_targets" in doc.t:
            self.sentence(doc.sentences.get("revenue_target"))
            self.table(doc.t["revenue_targets"])

    def chapter_3(self) -> None:
        doc = self.doc
        self.page_break()
        self.heading(_("BAB III PELAKSANAAN KEGIATAN"), 1)
        self.heading(_("3.1. Hasil yang telah dicapai dan analisis capaian kinerja"), 2)
        self.text(doc.texts.get("performance_intro"))
        self.sentence(doc.sentences.get("action_plan_ref"))
        self.orientation(True)
        self.table(doc.t["action_plan"])
        self.signature()
        self.heading(
            _("3.1.1. Analisis Capaian Kinerja Berdasarkan Perjanjian Kinerja TA %(y)s")
            % {"y": doc.words["year"]},
            3,
        )
        if not doc.goals:
            self.orientation(False)
            self.word.add_paragraph(_("Perjanjian kinerja tahun ini belum dicatat."))
        for number, g in enumerate(doc.goals, start=1):
            self.goal(number, g)
        self.orientation(False)
        self.heading(
            _(
                "3.1.2. Hasil yang telah dicapai dan analisis capaian kinerja berdasarkan "
                "indikator pada kinerja kegiatan"
            ),
            3,
        )
        if not doc.programmes:
            self.word.add_paragraph(_("DIPA tahun ini belum dicatat."))
        else:
            self.sentence(doc.sentences.get("activities_intro"))
        for i, ps in enumerate(doc.programmes, start=1):
            self.heading(f"{i}. {_('Kegiatan')} {ROMAN[i]}: {ps.programme.activity_name}", 4)
            self.table(ps.table)
            self.word.add_paragraph(
                "a. " + _("Hasil yang dicapai dan analisis capaian kinerja")
            ).runs[0].bold = True
            self.sentence(ps.intro)
            self.text(ps.analysis)
            for o in ps.outputs:
                self.word.add_paragraph(f"{o.output.name} ({o.output.code})", style="List Number")
                self.sentence(o.sentence)
                self.text(o.analysis)
            self.word.add_paragraph("b. " + _("Kendala")).runs[0].bold = True
            self.text(ps.obstacles, placeholder=MISSING)
            self.word.add_paragraph("c. " + _("Rekomendasi")).runs[0].bold = True
            self.text(ps.recommendation, placeholder=MISSING)
        for number, title, key_a, key_b in (
            (
                "3.2",
                _("Hambatan dan Kendala Pelaksanaan"),
                "obstacles_agreement",
                "obstacles_activities",
            ),
            ("3.3", _("Langkah dan Tindak Lanjut"), "followup_agreement", "followup_activities"),
        ):
            self.heading(f"{number}. {title}", 2)
            self.heading(f"{number}.1. {title} {_('Perjanjian Kinerja (Perjakin)')}", 3)
            self.text(doc.texts.get(key_a), placeholder=MISSING)
            self.heading(f"{number}.2. {title} {_('Kegiatan')}", 3)
            self.text(doc.texts.get(key_b), placeholder=MISSING)

    def goal(self, number: int, g: GoalSection) -> None:
        self.orientation(True)
        self.heading(f"{number}. {self.doc.goal_heading(g)}", 4)
        self.sentence(g.intro)
        self.table(g.table)
        self.orientation(False)
        for i, s in enumerate(g.indicators, start=1):
            self.indicator(i, s)

    def indicator(self, number: int, s: IndicatorSection) -> None:
        ind = s.ind
        self.heading(
            f"{number}) " + _("Indikator Kinerja %(c)s: %(n)s") % {"c": ind.code, "n": ind.name}, 5
        )
        self.text(ind.definition)
        source = f"; {_('sumber data:')} {ind.data_source}" if ind.data_source else ""
        self.word.add_paragraph(f"{_('Metode perhitungan:')} {ind.method_label}{source}.")
        self.word.add_paragraph(
            "a) " + _("Hasil yang telah dicapai dan analisis capaian kinerja")
        ).runs[0].bold = True
        self.sentence(s.result_sentence)
        if s.companies:
            self.word.add_paragraph(_("Perusahaan yang terfasilitasi:"))
            for c in s.companies:
                self.word.add_paragraph(c, style="List Number")
        self.text(s.support_note)
        for sentence, table in s.tables:
            self.sentence(sentence)
            self.table(table)
        self.sentence(s.physical_sentence)
        self.text(s.analysis)
        self.sentence(f"{s.verdict_sentence} {s.comparison_sentence}")
        self.word.add_paragraph("b) " + _("Kendala")).runs[0].bold = True
        self.text(s.obstacles, placeholder=MISSING)
        self.word.add_paragraph("c) " + _("Rekomendasi")).runs[0].bold = True
        self.text(s.recommendation, placeholder=MISSING)

    def chapter_4(self) -> None:
        doc = self.doc
        self.page_break()
        self.heading(_("BAB IV PENUTUP"), 1)
        self.heading(_("4.1. Realisasi Kegiatan %(q)s") % {"q": doc.words["quarter"]}, 2)
        self.text(doc.texts.get("closing_intro"))
        self.sentence(doc.sentences.get("indicators"))
        self.table(doc.t["all_indicators"])
        self.sentence(doc.sentences.get("outputs_intro"))
        self.table(doc.t["overall"])
        self.sentence(doc.sentences.get("financial"))
        self.text(doc.texts.get("closing_financial"))
        self.heading(_("4.2. Hambatan dan Kendala Pelaksanaan"), 2)
        self.text(doc.texts.get("closing_obstacles"), placeholder=MISSING)
        self.heading(_("4.3. Saran dan Tindak Lanjut"), 2)
        self.text(doc.texts.get("closing_recommendations"), placeholder=MISSING)
        self.signature()

    def findings_annex(self) -> None:
        """The annex the PDF and the workbook print (reports.pp39.annex): open errors,
        acknowledged findings with reason and who, warnings."""
        annex = self.doc.annex
        self.orientation(False)
        self.page_break()
        self.heading(annex.title, 1)
        if annex.is_draft:
            self.word.add_paragraph(annex.draft_note)
        width = usable_width(self.word.sections[-1])
        for section in annex.sections:
            self.heading(section.title, 2)
            if not section.rows:
                self.word.add_paragraph(_("Tidak ada."))
                continue
            labels = ["No", _("Subjek"), _("Temuan")]
            widths = [Cm(1.2), Cm(3.5), width - Cm(4.7)]
            if section.with_reason:
                labels += [_("Alasan"), _("Diterima")]
                widths = [Cm(1.2), Cm(3), width - Cm(13.2), Cm(5.5), Cm(3.5)]
            table = self.word.add_table(rows=len(section.rows) + 1, cols=len(labels))
            table.style = "Table Grid"
            for c, label in enumerate(labels):
                table.cell(0, c).text = label
                table.cell(0, c).paragraphs[0].runs[0].bold = True
            repeat_header(table.rows[0])
            for i, r in enumerate(section.rows, start=1):
                values = [str(r.number), r.subject, r.message]
                values += [r.reason, r.acknowledged] if section.with_reason else []
                for c, value in enumerate(values):
                    table.cell(i, c).text = value
            set_widths(table, widths)


def _rp(value) -> str:
    return rupiah(value, prefix=False)


def render_docx(report: QuarterlyReport) -> bytes:
    with translation.override(REPORT_LANGUAGE):
        return WordReport(build_document(report)).build()


@register
class DocxExporter(Exporter):
    identifier = "docx"
    verbose_name = "Word"
    extension = "docx"
    content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

    def render_bytes(self, report: QuarterlyReport) -> bytes:
        return render_docx(report)
