"""The formulas of DOMAIN.md section 5, without a database."""

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perkin.formatting import number, percent, rupiah, smart
from reports.calculations import budget as b
from reports.calculations import methods as m
from reports.calculations.achievement import achievement_pct, is_achieved
from reports.calculations.categories import Band, classify
from reports.calculations.periods import PeriodValue, cumulative_series, cumulative_to
from reports.calculations.rounding import round2


def test_round2_is_half_up():
    assert round2(D("170.575")) == D("170.58")
    assert round2(D("2.345")) == D("2.35")
    assert round2(D("-0.005")) == D("-0.01")
    assert round2(None) is None


@pytest.mark.parametrize(
    "realisation,target,expected",
    [
        ("37", "30", "123.33"),
        ("1", "1", "100.00"),
        ("8", "2", "400.00"),
        ("3.66", "3", "122.00"),
        ("68.23", "40", "170.58"),
        ("25.05", "5", "501.00"),
        ("29.37", "5", "587.40"),
        ("70.31", "50", "140.62"),
        ("100", "95", "105.26"),
        ("3.68", "3.6", "102.22"),
        ("84.93", "75", "113.24"),
        ("4.57", "4", "114.25"),
        ("82.25", "76", "108.22"),
        ("98", "91", "107.69"),
    ],
)
def test_higher_is_better_achievement_of_the_seed(realisation, target, expected):
    assert achievement_pct(D(realisation), D(target)) == D(expected)


def test_achievement_uses_the_published_rounded_realisation():
    # 68.2333.. is published as 68.23, and 68.23 / 40 = 170.575 -> 170.58
    assert achievement_pct(D("68.233333"), D("40")) == D("170.58")


def test_lower_is_better_indicator_achievement():
    assert achievement_pct(D("8"), D("10"), "lower") == D("120.00")
    assert achievement_pct(D("12"), D("10"), "lower") == D("80.00")


def test_lower_is_better_achievement_is_floored_at_zero():
    assert achievement_pct(D("25"), D("10"), "lower") == D("0.00")


def test_achievement_has_no_cap_and_missing_inputs_give_none():
    assert achievement_pct(D("25.05"), D("5")) == D("501.00")
    assert achievement_pct(None, D("5")) is None
    assert achievement_pct(D("1"), D("0")) is None


def test_achieved_status():
    assert is_achieved(D("100.00")) is True
    assert is_achieved(D("99.99")) is False
    assert is_achieved(None) is None


@given(
    r1=st.decimals(min_value=0, max_value=10_000, places=2),
    r2=st.decimals(min_value=0, max_value=10_000, places=2),
    t=st.decimals(min_value=D("0.01"), max_value=10_000, places=2),
)
def test_achievement_grows_with_realisation_when_higher_is_better(r1, r2, t):
    lo, hi = sorted([r1, r2])
    assert achievement_pct(lo, t) <= achievement_pct(hi, t)
    assert achievement_pct(lo, t, "lower") >= achievement_pct(hi, t, "lower")


@given(
    r=st.decimals(min_value=0, max_value=10_000, places=2),
    t=st.decimals(min_value=D("0.01"), max_value=10_000, places=2),
)
def test_achieved_exactly_when_realisation_reaches_target(r, t):
    assert is_achieved(achievement_pct(r, t)) == (r >= t or round2(r / t * 100) >= 100)


def test_efficiency_and_productivity():
    assert m.change_pct(D("20"), D("14"), "efficiency") == D("30")
    assert m.change_pct(D("10"), D("15"), "productivity") == D("50")
    assert m.change_pct(D("0"), D("15"), "productivity") is None
    assert m.change_pct(None, D("1"), "efficiency") is None


def test_stated_pct_wins_and_is_checked():
    mirrando = m.measurement_pct(D("6.6"), D("1"), "efficiency", D("85.42"))
    assert mirrando.published == D("85.42")
    assert round2(mirrando.computed) == D("84.85")
    assert mirrando.stated_is_off
    fadyan = m.measurement_pct(D("35"), D("19.5"), "efficiency", D("44.28"))
    assert not fadyan.stated_is_off  # 44.2857 vs 44.28 is within 0,01
    prose = m.measurement_pct(None, None, "efficiency", D("75"))
    assert prose.published == D("75.00") and not prose.stated_is_off
    computed_only = m.measurement_pct(D("20"), D("14"), "efficiency", None)
    assert computed_only.published == D("30.00")


def test_average_change_of_the_seed():
    assert m.average_change([D("30"), D("44")]) == D("37.00")
    assert m.average_change([D("85.42"), D("44.28"), D("75")]) == D("68.23")
    assert m.average_change([]) is None


def test_distinct_count_ignores_case_and_spacing():
    assert m.distinct_count(["PT A", "pt  a", "PT B", ""]) == D("2")


def test_growth_without_base_is_none_never_zero_or_infinite():
    assert m.growth_pct(D("5186827000"), D("4147659000")) == D("25.05")
    assert m.growth_pct(D("3801"), D("2938")) == D("29.37")
    assert m.growth_pct(D("3"), D("4")) == D("-25.00")
    assert m.growth_pct(D("26"), None) is None
    assert m.growth_pct(D("26"), D("0")) is None


def test_ratio_prefers_inputs_over_stated():
    assert m.ratio_pct(D("70.31"), D("100")) == D("70.31")
    assert m.ratio_pct(D("1"), D("3"), D("50")) == D("33.33")
    assert m.ratio_pct(None, None, D("70.31")) == D("70.31")
    assert m.ratio_pct(D("1"), D("0")) is None


def test_survey_index_of_table_3_11():
    scores = [
        D(x) for x in ("3.71", "3.67", "3.61", "3.43", "3.66", "3.71", "3.79", "3.73", "3.82")
    ]
    assert m.survey_index(scores) == D("3.68")
    assert m.survey_converted(D("3.68")) == D("92.00")
    assert m.survey_index([]) is None


def test_weighted_index_of_table_3_15():
    aspects = [
        (D("4.79"), D("24")),
        (D("4.20"), D("25")),
        (D("4.80"), D("18")),
        (D("5.00"), D("11")),
        (D("4.80"), D("10")),
        (D("4.00"), D("12")),
    ]
    assert m.weighted_index(aspects) == D("4.57")
    assert m.weights_total(aspects) == D("100")


def test_components_sum_of_sakip():
    assert m.components_sum([D("26.10"), D("24.60"), D("12.30"), D("19.25")]) == D("82.25")
    assert m.components_sum([D("26.10"), None]) is None


IKM = [
    Band("ikm", D(lo), True, D(hi), c, lbl)
    for lo, hi, c, lbl in [
        ("25.00", "64.99", "D", "Tidak Baik"),
        ("65.00", "76.60", "C", "Kurang Baik"),
        ("76.61", "88.30", "B", "Baik"),
        ("88.31", "100.00", "A", "Sangat Baik"),
    ]
]
SAKIP = [
    Band("sakip", D(lo), incl, D(hi), c, "")
    for lo, incl, hi, c in [
        ("0", True, "30", "D"),
        ("30", False, "50", "C"),
        ("50", False, "60", "CC"),
        ("60", False, "70", "B"),
        ("70", False, "80", "BB"),
        ("80", False, "90", "A"),
        ("90", False, "100", "AA"),
    ]
]


def test_ikm_category_boundaries_on_the_converted_value():
    assert classify(m.survey_converted(D("3.5324")), IKM).code == "A"  # 88.31
    assert classify(m.survey_converted(D("3.532")), IKM).code == "B"  # 88.30
    assert classify(m.survey_converted(D("3.0644")), IKM).code == "B"  # 76.61
    assert classify(m.survey_converted(D("3.064")), IKM).code == "C"  # 76.60
    assert classify(m.survey_converted(D("3.68")), IKM).label == "Sangat Baik"


def test_sakip_category_boundaries():
    assert classify(D("80.00"), SAKIP).code == "BB"
    assert classify(D("80.01"), SAKIP).code == "A"
    assert classify(D("82.25"), SAKIP).code == "A"
    assert classify(D("79.55"), SAKIP).code == "BB"
    assert classify(D("0"), SAKIP).code == "D"
    assert classify(None, SAKIP) is None


def test_budget_weighted_spending_of_tables_3_19_and_3_20():
    total = D("20535869000")
    ec = [
        (D("65345000"), D("99.49")),
        (D("286442000"), D("84.19")),
        (D("3025313000"), D("78.71")),
        (D("100000000"), D("84.30")),
        (D("1294111000"), D("88.42")),
        (D("138994000"), D("92.36")),
        (D("2041956000"), D("100.00")),
    ]
    wa = [
        (D("12976870000"), D("96.77")),
        (D("205000000"), D("99.93")),
        (D("238332000"), D("60.72")),
        (D("163506000"), D("94.63")),
    ]
    assert round2(b.weighted_pct(ec, total)) == D("29.64")
    assert round2(b.weighted_pct(wa, total)) == D("63.61")
    assert round2(b.weighted_pct(ec, total) + b.weighted_pct(wa, total)) == D("93.24")
    assert b.share_pct(D("6952161000"), total) == D("33.85")
    assert b.weighted_pct([(D("1"), None)], total) is None


def test_revision_matrix_totals_and_pagu():
    assert b.matrix_totals([[D("1"), D("2")], [D("3")]]) == [D("3"), D("3")]
    assert b.pagu([]) == D("0")
    assert b.absorption_pct(D("50"), D("200")) == D("25.00")
    assert b.absorption_pct(D("50"), D("0")) is None


def test_cumulative_is_unknown_inside_an_aggregate_period():
    values = [PeriodValue(9, 1, D("900")), PeriodValue(10, 10, D("100"))]
    assert cumulative_to(values, 3) is None
    assert cumulative_to(values, 9) == D("900")
    assert cumulative_to(values, 12) == D("1000")
    assert cumulative_to([], 12) is None
    assert cumulative_series(values)[:2] == [None, None]


def test_empty_months_do_not_count_as_zero():
    values = [PeriodValue(1, 1, D("5")), PeriodValue(3, 3, D("7"))]
    assert cumulative_to(values, 2) == D("5")
    assert cumulative_to(values, 3) == D("12")


def test_indonesian_number_format():
    assert number(D("20535869000"), 0) == "20.535.869.000"
    assert percent(D("123.33")) == "123,33%"
    assert rupiah(D("5186827000")) == "Rp 5.186.827.000"
    assert number(D("-35.344")) == "-35,34"
    assert smart(D("8")) == "8" and smart(D("3.66")) == "3,66" and smart(D("6.6")) == "6,6"
    assert percent(None) == "-"


def test_competition_rank_shares_ties():
    from reports.calculations.ranking import competition_rank

    scores = {
        "Manado": D("99.90"),
        "Pekanbaru": D("99.00"),
        "Ambon": D("98.75"),
        "Medan": D("98.50"),
        "Palembang": D("98.00"),
        "Padang": D("98.00"),
        "Banjarbaru": D("98.00"),
        "Aceh": D("96.90"),
        "Pusat": None,
    }
    ranks = competition_rank(scores)
    assert ranks["Palembang"] == ranks["Padang"] == ranks["Banjarbaru"] == 5
    assert ranks["Aceh"] == 8 and "Pusat" not in ranks


def test_revenue_pace_and_aspect_weight():
    from reports.calculations.budget import pace_to_month

    assert pace_to_month(D("3300000000"), 9) == D("2475000000")
    assert m.aspect_weighted(D("4.79"), D("24")) == D("1.15")
