"""The generated words of the PP 39 report: quarter words, Indonesian number words, the
formulaic sentences, and the removal of their hand-typed twins from staff texts."""

from dataclasses import replace
from decimal import Decimal as D

import pytest

from reports.checks import build_quarterly_report
from reports.pp39 import narrative as nv


def test_quarter_words_follow_the_quarter():
    assert nv.quarter_label(3) == "Triwulan III"
    assert nv.quarter_short(3) == "TW III"
    assert nv.until_quarter(3) == "sampai dengan Triwulan III"
    assert nv.quarter_months(1) == "Januari – Maret"
    assert nv.quarter_months(3) == "Juli – September"
    assert nv.quarter_months(4) == "Oktober – Desember"


@pytest.mark.parametrize(
    "n, words",
    [
        (0, "nol"),
        (11, "sebelas"),
        (15, "lima belas"),
        (19, "sembilan belas"),
        (100, "seratus"),
        (111, "seratus sebelas"),
        (1000, "seribu"),
        (1500, "seribu lima ratus"),
        (
            20_535_869_000,
            "dua puluh miliar lima ratus tiga puluh lima juta delapan ratus enam "
            "puluh sembilan ribu",
        ),
    ],
)
def test_terbilang(n, words):
    assert nv.terbilang(n) == words


def test_rupiah_with_words():
    assert nv.rupiah_with_words(D("15709996000")) == (
        "Rp 15.709.996.000 (Lima Belas Miliar Tujuh Ratus Sembilan Juta Sembilan Ratus "
        "Sembilan Puluh Enam Ribu Rupiah)"
    )
    assert nv.count_words(19) == "19 (sembilan belas)"


def test_strip_formulaic_removes_the_typed_twins_and_keeps_the_rest():
    text = (
        'Realisasi dari indikator "Perusahaan yang mendapatkan layanan" adalah 8 perusahaan '
        "dari target 1 perusahaan dengan capaian 400%.\n\n"
        "Pada triwulan IV TA 2024 target fisik dari indikator ini sebesar 100% dengan realisasi "
        "sebesar 100%. Adapun perusahaan yang terfasilitasi adalah PT A.\n\n"
        "a. IKM Jamoekoe\n\n"
        "Dari data di atas, dengan membandingkan realisasi dan target, maka sampai Triwulan IV "
        "indikator kinerja ini telah berhasil mencapai target yang ditetapkan."
    )
    assert nv.strip_formulaic(text) == (
        "Adapun perusahaan yang terfasilitasi adalah PT A.\n\na. IKM Jamoekoe"
    )


def test_strip_formulaic_capitalises_a_cut_sentence():
    text = (
        'Realisasi dari indikator "IKM" adalah 3,68 Indeks dari target 3,60 indeks dengan '
        "capaian 102,22%, realisasi ini diperoleh dari kuesioner."
    )
    assert nv.strip_formulaic(text) == "Realisasi ini diperoleh dari kuesioner."
    assert nv.strip_formulaic("") == ""


@pytest.fixture
def q4(demo_unit):
    return build_quarterly_report(demo_unit, 2024, 4)


def test_realisation_sentence_comes_from_the_data(q4):
    ii3 = next(i for i in q4.indicators if i.code == "II.3")
    sentence = nv.realisation_sentence(ii3, q4)
    # the seed's text says "dari target 1 perusahaan"; the agreement's target is 2
    assert "adalah 8 perusahaan dari target 2 perusahaan dengan capaian 400,00%." in sentence


def test_verdict_and_physical_sentences(q4):
    i1 = next(i for i in q4.indicators if i.code == "I.1")
    assert "<strong>berhasil</strong>" in nv.verdict_sentence(i1, q4)
    assert "sampai dengan Triwulan IV" in nv.verdict_sentence(i1, q4)
    missed = replace(i1, achievement_pct=D("80.00"), achieved=False)
    assert "<strong>belum berhasil</strong>" in nv.verdict_sentence(missed, q4)
    assert "(capaian 80,00%)" in nv.verdict_sentence(missed, q4)
    assert nv.physical_sentence(i1, q4) == (
        "Pada Triwulan IV TA 2024 target fisik dari indikator ini 100% dengan realisasi fisik 100%."
    )


def test_comparison_with_the_same_quarter_last_year(q4):
    i1 = next(i for i in q4.indicators if i.code == "I.1")
    # every indicator of the demo compares with 2023 (the seed's recorded Q4 2023 figures)
    for ind in q4.indicators:
        assert "Bila dibandingkan dengan Triwulan IV" in nv.comparison_sentence(ind, q4), ind.code
    unknown = replace(i1, previous_physical_pct=None, previous_realisation=None)
    assert "Data Triwulan IV tahun 2023" in nv.comparison_sentence(unknown, q4)
    lower = replace(i1, previous_physical_pct=D("90"), physical_realised_pct=D("80"))
    assert "sebesar 80% lebih rendah daripada realisasi fisik tahun 2023 sebesar 90%" in (
        nv.comparison_sentence(lower, q4)
    )
    same = replace(
        i1,
        previous_physical_pct=D("100"),
        previous_realisation=D("35"),
        previous_achievement_pct=D("116.67"),
    )
    text = nv.comparison_sentence(same, q4)
    assert "sama dengan realisasi fisik tahun 2023 sebesar 100%" in text
    assert (
        "sebesar 37 persen lebih tinggi daripada realisasi Triwulan IV tahun 2023 sebesar 35"
        in (text)
    )
    assert "(capaian 116,67%)" in text
    ipp = next(i for i in q4.indicators if i.code == "VII.1")
    assert (
        "sebesar 4,57 indeks lebih rendah daripada realisasi Triwulan IV tahun 2023 sebesar 4,97"
        in (nv.comparison_sentence(ipp, q4))
    )


def test_revenue_groups_sum_the_lines(q4):
    groups = q4.revenue.groups
    second = next(g for g in groups if g.number == 2)
    assert second.realisation == D("2631008000")  # 1.622.464.000 + 856.309.000 + 152.235.000
    assert second.previous_year == D("2038248000")  # as table 3.7 of the seed
    assert sum(g.target or 0 for g in groups) == q4.revenue.target
