"""The computed report of the demo year reproduces every reproducible figure of DOMAIN.md
section 8, flags its contradictions, and costs a constant number of SQL queries."""

import json
from decimal import Decimal as D

import pytest
from django.core.management import call_command

from budget.models import BudgetItem, OutputRealisation, RevenueLine, RevenueReceipt
from perkin.demo.synthetic import generate_synthetic
from perkin.models import ActionPlanStep, Goal, Indicator, MonthlyRealisation
from reports.checks import build_quarterly_report
from reports.exporters.json_export import report_as_dict
from tests.helpers import quarters_opened

pytestmark = pytest.mark.django_db

EXPECTED = {
    "I.1": ("37.00", "123.33"),
    "II.1": ("1.00", "100.00"),
    "II.2": ("3.00", "100.00"),
    "II.3": ("8.00", "400.00"),
    "II.4": ("3.66", "122.00"),
    "III.1": ("68.23", "170.58"),
    "III.2": ("25.05", "501.00"),
    "III.3": ("29.37", "587.40"),
    "III.4": ("70.31", "140.62"),
    "IV.1": ("100.00", "105.26"),
    "V.1": ("3.68", "102.22"),
    "VI.1": ("84.93", "113.24"),
    "VII.1": ("4.57", "114.25"),
    "VIII.1": ("82.25", "108.22"),
    "VIII.2": ("98.00", "107.69"),
}
# 28 for the facts + 7 around them: last year recorded (indicators, totals, evaluations and
# their components), absorption targets, acknowledgements, organisation chart
REPORT_QUERIES = 35


@pytest.fixture
def q4_json(demo_unit, tmp_path):
    out = tmp_path / "r.json"
    call_command("report", unit="BSPJI-PLG", year=2024, quarter=4, fmt="json", output=str(out))
    return json.loads(out.read_text(encoding="utf-8"))


def test_json_gives_every_reproducible_indicator_figure(q4_json):
    got = {i["code"]: (i["realisation"], i["achievement_pct"]) for i in q4_json["indicators"]}
    assert got == EXPECTED
    assert all(i["achieved"] for i in q4_json["indicators"])
    assert q4_json["unit"] == {
        "code": "BSPJI-PLG",
        "name": "Balai Standardisasi dan Pelayanan Jasa Industri Palembang",
    }
    assert (q4_json["year"], q4_json["quarter"]) == (2024, 4)


def test_json_budget_figures(q4_json):
    budget = q4_json["budget"]
    assert budget["pagu"] == "20535869000"
    assert budget["revision_count"] == 19
    assert budget["spending_pct"] == "93.24"
    assert budget["physical_pct"] == "100.00"
    programmes = {p["code"]: p for p in budget["programmes"]}
    assert (programmes["EC"]["share_pct"], programmes["EC"]["weighted_spending_pct"]) == (
        "33.85",
        "29.64",
    )
    assert (programmes["WA"]["share_pct"], programmes["WA"]["weighted_spending_pct"]) == (
        "66.15",
        "63.61",
    )
    assert budget["spending_types"] == {"51": "9512859000", "52": "7481943000", "53": "3541067000"}
    assert len(budget["outputs"]) == 11
    assert {o["code"]: o["spending_pct"] for o in budget["outputs"]}["EBC"] == "60.72"


def test_json_revenue_and_service_figures(q4_json):
    revenue = q4_json["revenue"]
    assert revenue["realisation"] == "5186827000"
    assert revenue["previous_year"] == "4147659000"
    assert revenue["target"] == "3300000000"
    assert revenue["growth_pct"] == "25.05"
    lines = {ln["code"]: ln for ln in revenue["lines"]}
    assert lines["LPH"]["previous_year"] is None and lines["LPH"]["growth_pct"] is None
    assert lines["KALIBRASI"]["growth_pct"] == "-35.34"
    assert lines["PENGEMBALIAN"]["realisation"] == "-4024000"
    services = q4_json["service_outputs"]
    assert (services["current"], services["previous_year"], services["growth_pct"]) == (
        3801,
        2938,
        "29.37",
    )
    kinds = {k["code"]: k for k in services["kinds"]}
    assert kinds["LPH"]["growth_pct"] is None
    assert kinds["KONSULTASI"]["growth_pct"] == "-25.00"


def test_checks_hold_the_contradictions_of_section_8(q4_json):
    found = {(c["code"], c["subject"]) for c in q4_json["checks"]}
    expected = {
        ("PUBLISHED_REALISATION_DIFFERS", "III.3"),  # table 4.1 22,74 vs 29,37
        ("VALUE_TO_DATE_DIFFERS", "III.3"),  # B12 text 22,77
        ("SERVICE_TOTAL_DIFFERS", "Layanan 2024"),  # 3.607 vs 3.801
        ("FINANCIAL_PCT_DIFFERS", "Realisasi keuangan"),  # 99,77 / 99,00 vs 93,24
        ("MEASUREMENT_STATED_OFF", "III.1"),  # Mirrando 84,85 vs 85,42
        ("BREAKDOWN_NOT_PAGU", "DIPA awal"),  # RM + PNBP = revision 1's pagu
        ("BREAKDOWN_NOT_PAGU", "Revisi ke-19"),  # Q4 split exceeds the pagu
        ("MATRIX_TOTAL_ROW", "Tabel 2.2"),  # fewer totals than revisions
        ("REVISION_BEFORE_INITIAL", "DIPA awal"),  # initial dated 14 November
        ("CUMULATIVE_NOT_SUM", "PNBP bulan 11"),  # 3.943.650.250 + 456.671.750
        ("REVENUE_TARGET_DIFFERS", "Target PNBP"),  # realised called a target
        ("GROWTH_WITHOUT_BASE", "LPH"),  # growth 0 without a base
        ("GROWTH_DIFFERS", "Konsultasi/pendampingan"),  # -0,25 vs -25,00
        ("VALUE_TO_DATE_DIFFERS", "III.4"),  # P3DN 78,33 vs 70,31
        ("PLAN_NOT_CUMULATIVE", "V.1"),  # 5, 10, 25, 8, ...
        ("PUBLISHED_INTERIM_DIFFERS", "V.1"),  # table 3.10 80/90/100
        ("PUBLISHED_TARGET_DIFFERS", "II.3"),  # "dari target 1 perusahaan"
        ("PUBLISHED_ACHIEVEMENT_DIFFERS", "IV.1"),  # 105 vs 105,26
        ("KRO_COUNT_DIFFERS", "Kegiatan 6042"),  # "5 (Lima) KRO" above 4 outputs
    }
    assert expected <= found, expected - found
    by_code = {c["code"]: c for c in q4_json["checks"]}
    assert "85,42%" in by_code["MEASUREMENT_STATED_OFF"]["message"]
    assert all(c["severity"] in ("error", "warning") for c in q4_json["checks"])


def test_no_finding_on_a_clean_generated_dataset():
    units = generate_synthetic(units=2, years=2, seed=11, last_year=2026)
    for unit in units:
        for year in (2025, 2026):
            for quarter in (1, 2, 3, 4):
                report = build_quarterly_report(unit, year, quarter)
                assert report.checks == [], (unit.code, year, quarter, report.checks)
                if year == 2026 and quarter == 4:
                    assert all(i.realisation is not None for i in report.indicators)


def test_synthetic_generation_is_deterministic():
    a = generate_synthetic(units=1, years=1, seed=5, last_year=2026)[0]
    first = report_as_dict(build_quarterly_report(a, 2026, 4))
    MonthlyRealisation.objects.filter(indicator__goal__agreement__unit=a).delete()
    a.agreements.all().delete()
    a.budgets.all().delete()
    RevenueReceipt.objects.filter(line__unit=a).delete()
    from budget.models import RevenueTarget, ServiceOutput
    from perkin.models import UnitEvaluation

    RevenueTarget.objects.filter(line__unit=a).delete()
    ServiceOutput.objects.filter(kind__unit=a).delete()
    UnitEvaluation.objects.filter(unit=a).delete()
    generate_synthetic(units=1, years=1, seed=5, last_year=2026)
    second = report_as_dict(build_quarterly_report(a, 2026, 4))
    assert first == second


@pytest.mark.parametrize("quarter", [1, 2, 3, 4])
def test_every_quarter_computes_with_the_same_query_count(
    demo_unit, quarter, django_assert_num_queries
):
    with django_assert_num_queries(REPORT_QUERIES):
        report = build_quarterly_report(demo_unit, 2024, quarter)
    assert report.last_month == 3 * quarter
    assert len(report.indicators) == 15


def test_q3_uses_month_9_and_leaves_unknown_figures_empty(demo_unit):
    report = build_quarterly_report(demo_unit, 2024, 3)
    v1 = next(i for i in report.indicators if i.code == "V.1")
    # B09 of the published plan is 10 %, but the plan decreases (not cumulative): it is not
    # stated as the quarter's physical target (PLAN_NOT_CUMULATIVE says why)
    assert v1.months[8].interim_target_pct == D("10.00") and not v1.plan_cumulative
    assert v1.physical_target_pct is None
    assert v1.physical_realised_pct == D("75.00")
    # receipts are only known cumulatively up to September; 2023 only as a year total
    assert report.revenue.realisation == D("3207176500")
    assert report.revenue.previous_year is None and report.revenue.growth_pct is None
    assert report.budget.spending_pct is None  # spending is only known for the whole year
    assert report.budget.pagu == D("18786882000")  # revision 9 of 25 September
    assert report.budget.revision_count == 9


def test_query_count_does_not_grow_with_indicators_outputs_or_lines(
    demo_unit, django_assert_num_queries
):
    with quarters_opened(demo_unit, 2024):
        _add_rows(demo_unit)
    with django_assert_num_queries(REPORT_QUERIES):
        report = build_quarterly_report(demo_unit, 2024, 4)
    assert len(report.indicators) == 20
    assert len(report.budget.outputs) == 14


def _add_rows(demo_unit):
    agreement = demo_unit.agreements.get(year=2024)
    goal = Goal.objects.create(agreement=agreement, number=9, text="Sasaran tambahan")
    for n in range(1, 6):
        ind = Indicator.objects.create(
            goal=goal, number=n, name=f"Tambahan {n}", target=10, unit="Persen", method="direct"
        )
        for month in range(1, 13):
            ActionPlanStep.objects.create(indicator=ind, month=month, interim_target_pct=month * 8)
            MonthlyRealisation.objects.create(
                indicator=ind, month=month, physical_pct=month * 8, value_to_date=month
            )
    activity = BudgetItem.objects.get(budget__unit=demo_unit, level="activity", code="6077")
    for n in range(3):
        kro = BudgetItem.objects.create(
            budget=activity.budget, parent=activity, level="kro", code=f"X{n}", name="Tambahan"
        )
        OutputRealisation.objects.create(item=kro, month=12, period_start_month=12, spent=1)
    for n in range(3):
        line = RevenueLine.objects.create(
            unit=demo_unit, code=f"X{n}", name="Tambahan", order=50 + n
        )
        RevenueReceipt.objects.create(
            line=line, year=2024, month=12, period_start_month=12, amount=5
        )


def test_report_command_rejects_unknown_unit_and_format(demo_unit):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("report", unit="NOPE", year=2024, quarter=4)
    with pytest.raises(CommandError):
        call_command("report", unit="BSPJI-PLG", year=2024, quarter=4, fmt="odt")
