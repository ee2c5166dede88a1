"""The Q4 2024 report in its three formats: the PDF (rendered once for this module) contains
every table of the seed with the engine's values, and the PDF, the workbook and the JSON give
the same achievement for every indicator, the same pagu, revenue and service totals."""

import io
import json
import re
from decimal import Decimal as D
from time import perf_counter
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from openpyxl import load_workbook
from pypdf import PdfReader

from perkin.formatting import percent, rupiah
from perkin.models import WorkUnit
from reports.exporters.cache import export_report
from tests.reports.test_report_document import SEED_TABLES

# every test in the database group, so pytest-django's ordering keeps the module fixture alive
pytestmark = pytest.mark.django_db


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def q4(django_db_setup, django_db_blocker):
    """The demo Q4 2024 report as PDF (rendered once, cold), workbook and JSON."""
    with django_db_blocker.unblock():
        unit = WorkUnit.objects.get(code="BSPJI-PLG")
        pdf = export_report(unit, 2024, 4, "pdf")  # timed by make bench, not here
        xlsx = export_report(unit, 2024, 4, "xlsx")
        data = json.loads(export_report(unit, 2024, 4, "json").content)
    reader = PdfReader(io.BytesIO(pdf.content))
    pages = [_flat(page.extract_text()) for page in reader.pages]
    body = 1 + max(i for i, p in enumerate(pages[:12]) if "DAFTAR TABEL" in p)
    yield SimpleNamespace(
        body=body,
        pdf=pdf,
        reader=reader,
        pages=pages,
        text=" ".join(pages),
        wb=load_workbook(io.BytesIO(xlsx.content)),
        json=data,
    )
    with django_db_blocker.unblock():
        from reports.models import ReportCache

        ReportCache.objects.filter(unit_code="BSPJI-PLG").delete()


def _pages_between(q4, start: str, end: str) -> str:
    """The text of the body pages from the one holding `start` to the one holding `end`."""
    first = next(i for i, p in enumerate(q4.pages) if start in p and i >= q4.body)
    last = next(i for i, p in enumerate(q4.pages) if end in p and i >= first)
    return " ".join(q4.pages[first : last + 1])


def _rows(ws):
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_pdf_is_cold_rendered_and_numbered(q4):
    assert q4.pdf.content.startswith(b"%PDF") and not q4.pdf.cached
    n = len(q4.reader.pages)
    assert 50 <= n <= 110
    assert "Halaman ii" in q4.pages[1]  # front matter in Roman numerals
    first_chapter = next(
        i
        for i, p in enumerate(q4.pages)
        if "BAB I " in p and "PENDAHULUAN" in p and "DAFTAR" not in p
    )
    assert "Halaman 1" in q4.pages[first_chapter]
    assert "Halaman" not in q4.pages[0] and "Laporan PP 39 ·" not in q4.pages[0]  # the cover
    assert all("DRAF" in p for p in q4.pages)  # open error findings: a draft on every page
    assert "LAMPIRAN: TEMUAN PEMERIKSAAN KONSISTENSI" in q4.text


def test_pdf_has_every_seed_table_by_number_and_title(q4):
    body = " ".join(q4.pages[q4.body :]).lower()  # after the lists of the front matter
    for number, title in SEED_TABLES:
        assert f"tabel {number} {title}".lower() in body, number


def test_pdf_pages_are_a4_with_landscape_pages_for_wide_tables(q4):
    def size(i):
        box = q4.reader.pages[i].mediabox
        return round(float(box.width)), round(float(box.height))

    def first(caption):
        return next(i for i, p in enumerate(q4.pages) if caption in p and i >= q4.body)

    plan, goal = first("Tabel 3.1 Rencana Aksi"), first("Tabel 3.2 Capaian Kinerja")
    revisions = first("Tabel 2.2 Revisi")
    assert size(0) == (595, 842)  # A4 portrait
    assert size(plan) == size(revisions) == (842, 595)
    # the goals' achievement tables are printed portrait in small type, so a goal's table and
    # its indicators' texts flow without a forced break between orientations
    assert size(goal) == (595, 842)
    # the table header is repeated on the action plan's next page
    assert "Rencana Aksi Triwulan I Triwulan II" in q4.pages[plan + 1]


def test_achievement_of_every_indicator_is_the_same_in_json_pdf_and_xlsx(q4):
    table_41 = _pages_between(q4, "Tabel 4.1 Target dan Realisasi", "Tabel 4.2 Target")
    ws = q4.wb["Tabel 4.1"]
    xlsx = {row[2]: row[6] for row in _rows(ws) if row[2] and re.match(r"^[IVX]+\.\d+$", row[2])}
    assert len(q4.json["indicators"]) == 15
    for ind in q4.json["indicators"]:
        value = D(ind["achievement_pct"])
        assert percent(value) in table_41, ind["code"]
        assert D(str(xlsx[ind["code"]])).quantize(D("0.01")) == value, ind["code"]
    assert ws["G5"].value == 123.33 and ws["G5"].number_format == '0.00"%"'
    assert ws["E5"].number_format == 'General" Persen"' and ws.freeze_panes == "A5"


def test_pagu_is_the_same_in_json_pdf_and_xlsx(q4):
    pagu = D(q4.json["budget"]["pagu"])
    assert pagu == D("20535869000")
    assert rupiah(pagu, prefix=False) in _pages_between(q4, "Tabel 2.4 Rincian Pagu", "Jumlah")
    tree = _rows(q4.wb["Tabel 2.3"])
    assert tree[3][:3] == ["04", "EKONOMI", int(pagu)]
    matrix = _rows(q4.wb["Tabel 2.2"])
    assert matrix[-1][0] == "TOTAL" and matrix[-1][-1] == int(pagu)
    types = _rows(q4.wb["Tabel 2.4"])
    assert types[-1][-1] == int(pagu)
    assert q4.wb["Tabel 2.2"]["C4"].number_format == "#,##0"


def test_revenue_totals_are_the_same_in_json_pdf_and_xlsx(q4):
    rev = q4.json["revenue"]
    page = _pages_between(q4, "Tabel 3.7 Perbandingan Penerimaan", "Total")
    total = next(r for r in _rows(q4.wb["Tabel 3.7"]) if r[0] == "Total")
    for key, col in (("previous_year", 2), ("realisation", 3)):
        value = D(rev[key])
        assert rupiah(value, prefix=False) in page
        assert total[col] == int(value)
    assert D(str(total[4])).quantize(D("0.01")) == D(rev["growth_pct"]) == D("25.05")
    assert "25,05%" in page
    target = next(r for r in _rows(q4.wb["Tabel 2.6"]) if r[0] == "Total")
    assert target[2] == int(D(rev["target"])) == 3_300_000_000
    assert "3.300.000.000" in _pages_between(q4, "Tabel 2.6 Rencana Kinerja", "Total")


def test_service_totals_are_the_same_in_json_pdf_and_xlsx(q4):
    s = q4.json["service_outputs"]
    assert (s["current"], s["previous_year"]) == (3801, 2938)
    page = _pages_between(q4, "Tabel 3.8 Perbandingan hasil layanan", "Total")
    assert re.search(r"Total 2\.938 3\.801 29,37%", page)
    total = next(r for r in _rows(q4.wb["Tabel 3.8"]) if r[0] == "Total")
    assert total[3:6] == [2938, 3801, total[5]] and D(str(total[5])).quantize(D("0.01")) == D(
        s["growth_pct"]
    )


def test_pdf_prints_computed_values_not_the_contradicting_stated_ones(q4):
    closing = _pages_between(q4, "Tabel 4.2 Target dan Realisasi Output", "4.2. Hambatan")
    assert "rencana penarikan dana) 100,00% 93,24%" in closing
    assert "penyerapan BSKJI) 98,40% 93,24%" in closing
    assert "telah tercapai" not in closing  # the staff's false claim (93,24 < 98,40) is gone
    body = q4.text.split("LAMPIRAN: TEMUAN PEMERIKSAAN KONSISTENSI")[0]
    assert "99,77" not in body and "99,00 %" not in body  # only the annex quotes them
    table_41 = _pages_between(q4, "Tabel 4.1 Target dan Realisasi", "Tabel 4.2 Target")
    assert "22,74" not in table_41 and "29,37 Persen" in table_41


def test_workbook_sheets_are_printable_with_frozen_headers(q4):
    names = q4.wb.sheetnames
    assert names[0] == "Laporan"
    assert names[1:-1] == [f"Tabel {n}" for n, _ in SEED_TABLES]
    assert names[-1] == "Lampiran" and q4.wb["Tabel 3.1"].oddHeader.center.text == "DRAF"
    plan = q4.wb["Tabel 3.1"]
    assert plan.freeze_panes == "A7"  # title, blank, 4 header rows
    assert plan.page_setup.orientation == "landscape" and plan.page_setup.fitToWidth == 1
    assert plan.print_title_rows == "$3:$6"
    assert 6 <= plan.column_dimensions["B"].width <= 60


def test_cached_pdf_download_is_reused(q4, client, django_user_model):
    client.force_login(django_user_model.objects.get(username="perencana"))
    start = perf_counter()
    response = client.get("/u/BSPJI-PLG/laporan/unduh/2024/4.pdf")
    seconds = perf_counter() - start
    assert response.status_code == 200 and response["X-Report-Cache"] == "hit"
    assert response.content == q4.pdf.content
    assert seconds < 0.3, f"cached download took {seconds:.3f} s"


def test_report_command_writes_html_and_xlsx(tmp_path):
    for fmt in ("html", "xlsx"):
        out = tmp_path / f"r.{fmt}"
        call_command("report", unit="BSPJI-PLG", year=2024, quarter=3, fmt=fmt, output=str(out))
        assert out.stat().st_size > 10_000
    assert "Triwulan III" in (tmp_path / "r.html").read_text(encoding="utf-8")
    assert load_workbook(tmp_path / "r.xlsx")["Laporan"]["B4"].value.startswith("Triwulan III")


MM = 72 / 25.4


def _fill(page) -> float:
    """How much of the page's text area is used: from its top margin down to its lowest line
    of body text (the running footer and the draft mark left out)."""
    height = float(page.mediabox.height)
    landscape = float(page.mediabox.width) > height
    top = height - (14 if landscape else 20) * MM
    bottom = (16 if landscape else 20) * MM
    lows: list[float] = []

    def visit(text, cm, tm, font, size):
        y = tm[5] * cm[3] + cm[5]
        if text.strip() and bottom < y < top - 2:
            lows.append(y)

    page.extract_text(visitor_text=visit)
    return (top - min(lows)) / (top - bottom) if lows else 0.0


def test_no_page_is_left_mostly_blank_by_a_forced_break(q4):
    """A page under 40 % full is allowed only where a chapter (or the annex) begins on the next
    page, in the front matter (one list per page) and at the end."""
    short = []
    for i, page in enumerate(q4.reader.pages[:-1]):
        if i < q4.body or _fill(page) >= 0.4:
            continue
        following = q4.pages[i + 1]
        if re.search(r"\bBAB (I|II|III|IV) [A-Z]", following) or "LAMPIRAN:" in following:
            continue
        short.append((i + 1, round(_fill(page), 2), q4.pages[i][:80]))
    assert short == []


def test_headers_are_not_hyphenated_and_the_signature_keeps_its_paragraph(q4):
    assert "An- tara" not in q4.text and "Sebe- lum" not in q4.text
    assert not re.search(r"\b(?:Target|Realisasi|Kegiatan) ?‐", q4.text)
    last_body = next(p for p in reversed(q4.pages) if "Arya Yudistira" in p)
    before_signature = last_body.split("Palembang, Januari 2025")[0]
    assert len(before_signature.split()) > 40  # the closing paragraph, not the signature alone


def test_files_carry_the_report_language_whoever_asks(demo_unit):
    """A stored PDF or workbook is shared by everyone and a final one is signed: an English
    reader (or a worker without a language) must not store English findings in it."""
    from django.utils import translation

    from reports.checks import build_quarterly_report
    from reports.exporters import report_for_export

    def messages(report):
        return [f.message for f in report.checks]

    with translation.override("id"):
        indonesian = messages(build_quarterly_report(demo_unit, 2024, 4))
    with translation.override("en"):
        english = messages(build_quarterly_report(demo_unit, 2024, 4))
        for_export = messages(report_for_export(demo_unit, 2024, 4))
        pdf = export_report(demo_unit, 2024, 4, "pdf")
    assert english != indonesian  # the findings are translated for the screen
    assert for_export == indonesian
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Temuan" in text and "Findings" not in text
