"""The document the PP 39 report is rendered from: tables numbered per chapter as in the seed,
quarter words in every table title, staff texts in their places, numbers in Indonesian."""

import re
from decimal import Decimal as D

import pytest
from django.template.loader import render_to_string

from reports.checks import build_quarterly_report
from reports.exporters.html_export import render_report_html
from reports.pp39.document import build_document

# The seed's DAFTAR TABEL (Q4 2024). The seed titles 3.13 "Januari s.d September" over a
# table that runs to December; the generated title follows the quarter.
SEED_TABLES = [
    ("2.1", "Rincian Revisi DIPA"),
    ("2.2", "Revisi Anggaran BSPJI Palembang per KRO Tahun 2024"),
    ("2.3", "Komposisi Anggaran Kegiatan Tahun 2024"),
    ("2.4", "Rincian Pagu BSPJI Palembang berdasarkan Jenis Belanja TA.2024"),
    ("2.5", "Perjanjian Kinerja BSPJI Palembang TA. 2024"),
    ("2.6", "Rencana Kinerja BSPJI Palembang Tahun 2024"),
    ("3.1", "Rencana Aksi BSPJI Palembang"),
    ("3.2", "Capaian Kinerja Berdasarkan Perjanjian Kinerja TW IV TA.2024"),
    ("3.3", "Perhitungan Nilai Ukuran Performa hasil Kegiatan Kolaborasi"),
    ("3.4", "Capaian Kinerja Berdasarkan Perjanjian Kinerja TW IV TA.2024"),
    ("3.5", "Capaian Kinerja Berdasarkan Perjanjian Kinerja TW IV TA.2024"),
    ("3.6", "Perhitungan Nilai Ukuran Performa Hasil Kegiatan Konsultansi"),
    (
        "3.7",
        "Perbandingan Penerimaan PNBP sampai dengan Triwulan IV BSPJI Palembang Tahun 2023 dan 2024",
    ),
    ("3.8", "Perbandingan hasil layanan BSPJI Palembang antara tahun 2023 dan 2024"),
    ("3.9", "Capaian Kinerja Berdasarkan Perjanjian Kinerja TW IV TA.2024"),
    ("3.10", "Capaian Kinerja Berdasarkan Perjanjian Kinerja TW IV TA.2024"),
    ("3.11", "Unsur penilaian Survey Kepuasan Masyarakat"),
    ("3.12", "Capaian Kinerja Berdasarkan Perjanjian Kinerja TW IV TA.2024"),
    ("3.13", "Rekapitulasi Pelatihan dari Bulan Januari s.d. Desember"),
    ("3.14", "Capaian Kinerja Berdasarkan Perjanjian Kinerja TW IV TA.2024"),
    ("3.15", "Perhitungan indeks layanan Publik BSPJI Palembang TA 2024"),
    ("3.16", "Capaian Kinerja Berdasarkan Perjanjian Kinerja TW IV TA.2024"),
    ("3.17", "Perbandingan nilai akuntabilitas kinerja satker di lingkungan BSKJI TA.2024"),
    ("3.18", "Perbandingan nilai laporan keuangan satker di lingkungan BSKJI TA 2023"),
    ("3.19", "Rincian output berdasarkan indikator pada kinerja kegiatan"),
    ("3.20", "Rincian output berdasarkan indikator pada kinerja kegiatan"),
    ("4.1", "Target dan Realisasi Perjanjian Kinerja Triwulan IV"),
    ("4.2", "Target dan Realisasi Output/Kegiatan sampai Triwulan IV"),
]


@pytest.fixture
def q4_doc(demo_unit):
    return build_document(build_quarterly_report(demo_unit, 2024, 4))


def test_q4_tables_are_numbered_and_titled_as_in_the_seed(q4_doc):
    got = [(t.number, t.title.lower()) for t in q4_doc.tables]
    assert got == [(n, title.lower()) for n, title in SEED_TABLES]


def test_supporting_tables_sit_under_their_indicators(q4_doc):
    by_code = {s.ind.code: s for g in q4_doc.goals for s in g.indicators}
    numbers = {code: [t.number for _, t in s.tables] for code, s in by_code.items()}
    assert numbers["I.1"] == ["3.3"]
    assert numbers["III.2"] == ["3.7"] and numbers["III.3"] == ["3.8"]
    assert numbers["VI.1"] == ["3.13"]
    assert numbers["VIII.1"] == ["3.17"] and numbers["VIII.2"] == ["3.18"]
    assert numbers["II.1"] == [] and by_code["II.3"].companies  # listed, not a table
    sentence, _ = by_code["III.2"].tables[0]
    assert sentence == "Realisasi ini diperoleh dari perhitungan yang ditunjukkan pada Tabel 3.7."
    sentence, _ = by_code["VIII.1"].tables[0]
    assert "peringkat ke-4 dari 13 satker sejenis dengan nilai 82,25" in sentence


def test_table_cells_keep_engine_values_and_print_indonesian(q4_doc):
    overall = [[c.text for c in row.cells] for row in q4_doc.t["overall"].rows]
    assert overall == [
        ["Keuangan (terhadap rencana penarikan dana)", "100,00%", "93,24%"],  # not the 99,77%
        ["Keuangan (terhadap target penyerapan BSKJI)", "98,40%", "93,24%"],  # BSKJI's target
        ["Fisik", "100,00%", "100,00%"],
    ]
    assert q4_doc.report.absorption_target_pct == D("98.40")
    financial = q4_doc.sentences["financial"]
    assert "93,24% dari target rencana penarikan dana 100,00% (belum mencapai target)" in financial
    assert "BSKJI sebesar 98,40%, realisasi keuangan tersebut belum mencapai target" in financial
    matrix = q4_doc.t["revision_matrix"]
    total = matrix.rows[-1].cells
    assert total[-1].text == "20.535.869.000" and len(total) == 2 + 20
    assert [len(p.widths) for p in matrix.parts()] == [12, 12]  # printed in two parts
    i41 = {row.cells[-7].value: row.cells for row in q4_doc.t["all_indicators"].rows}
    assert i41["II.1"][-5].text == "1 Perusahaan"
    assert i41["I.1"][-3].text == "123,33%"


def test_funding_split_that_does_not_add_up_is_not_printed(q4_doc):
    # RM + PNBP of the initial DIPA add up to revision 1's pagu (DOMAIN 8): the check says so,
    # the report prints the pagu only
    assert q4_doc.funding_initial == [] and q4_doc.funding_current == []
    assert "Rp 15.709.996.000" in q4_doc.sentences["initial_pagu"]


def test_staff_texts_are_inserted_without_their_typed_twins(q4_doc):
    ii3 = next(s for g in q4_doc.goals for s in g.indicators if s.ind.code == "II.3")
    assert "dari target 1" not in ii3.analysis
    assert ii3.analysis.startswith("Adapun perusahaan yang terfasilitasi")
    assert "99,00" not in q4_doc.texts["closing_financial"]
    assert "Sidang Kabinet" in q4_doc.texts["closing_financial"]


def test_no_gettext_collision_in_table_headers(q4_doc):
    heads = {c.text for t in q4_doc.tables for row in t.head for c in row}
    assert "Tidak" not in heads and "No" in heads


@pytest.mark.parametrize(
    "quarter, words, months",
    [
        (1, "Triwulan I", "Januari – Maret"),
        (2, "Triwulan II", "April – Juni"),
        (3, "Triwulan III", "Juli – September"),
    ],
)
def test_earlier_quarters_render_with_their_words(demo_unit, quarter, words, months):
    report = build_quarterly_report(demo_unit, 2024, quarter)
    html = render_report_html(report)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert f"{words} (Periode {months})" in text
    assert f"Sampai {words} " in text  # achievement table header
    assert f"Target dan Realisasi Perjanjian Kinerja {words} " in text
    assert f"sampai dengan {words} " in text
    assert "sampai dengan Triwulan IV" not in text and "TW IV TA" not in text
    doc = build_document(report)
    numbers = [t.number for t in doc.tables if t.chapter == 3]
    assert numbers == [f"3.{i}" for i in range(1, len(numbers) + 1)]


def test_one_template_set_for_screen_and_file(q4_doc):
    html = render_to_string("reports/pp39/_document.html", {"doc": q4_doc, "report": q4_doc.report})
    assert 'id="tabel-3-19"' in html and 'class="landscape' in html
    assert "20.535.869.000" in html
