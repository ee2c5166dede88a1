"""Preparing next year from this one, and the one-page grids of targets and allocations."""

from decimal import Decimal

import pytest

from budget.models import Allocation, BudgetItem, BudgetRevision, RevenueTarget
from perkin.entry.grids import parse_number
from perkin.entry.rollover import RolloverRefused, prepare_next_year
from perkin.models import ActionPlanStep, Agreement, Goal, Indicator, QuarterLock
from reports.checks import build_quarterly_report

pytestmark = pytest.mark.django_db
ROLLOVER = "/u/BSPJI-PLG/atur/2024/siapkan/"
TARGETS = "/u/BSPJI-PLG/atur/2025/target/"
PAGU = "/u/BSPJI-PLG/atur/2025/pagu/"


@pytest.fixture
def year_2025(demo_unit, planner):
    return prepare_next_year(unit=demo_unit, year=2024, user=planner)


def test_rollover_copies_the_agreement_plan_budget_and_targets(demo_unit, year_2025):
    assert (year_2025.goals, year_2025.indicators, year_2025.plan_steps) == (8, 15, 180)
    assert (year_2025.items, year_2025.allocations) == (36, 21)
    assert year_2025.pagu == Decimal("20535869000")
    assert year_2025.revenue_targets == 10
    old = {i.code: i for i in Indicator.objects.filter(goal__agreement__year=2024)}
    new = list(
        Indicator.objects.filter(goal__agreement__unit=demo_unit, goal__agreement__year=2025)
    )
    assert len(new) == 15
    for ind in new:
        before = old[ind.code]
        assert (ind.name, ind.target, ind.unit, ind.method, ind.definition, ind.team_id) == (
            before.name,
            before.target,
            before.unit,
            before.method,
            before.definition,
            before.team_id,
        )
    i11 = next(i for i in new if i.code == "I.1")
    assert list(
        ActionPlanStep.objects.filter(indicator=i11).values_list("month", "interim_target_pct")
    ) == list(
        ActionPlanStep.objects.filter(indicator=old["I.1"]).values_list(
            "month", "interim_target_pct"
        )
    )
    initial = BudgetRevision.objects.get(budget__unit=demo_unit, budget__year=2025)
    assert (initial.number, initial.stated_pagu) == (0, Decimal("20535869000"))
    assert RevenueTarget.objects.filter(line__unit=demo_unit, year=2025).count() == 10


def test_the_new_year_computes_like_any_other(demo_unit, year_2025):
    report = build_quarterly_report(demo_unit, 2025, 1)
    assert len(report.indicators) == 15
    assert report.budget.pagu == Decimal("20535869000")
    assert report.revenue.target == Decimal("3300000000")
    assert report.achieved_count == 0  # nothing realised yet


def test_a_year_is_prepared_once(demo_unit, planner, year_2025):
    with pytest.raises(RolloverRefused, match="sudah memiliki perjanjian kinerja"):
        prepare_next_year(unit=demo_unit, year=2024, user=planner)
    assert Agreement.objects.filter(unit=demo_unit, year=2025).count() == 1


def test_rollover_page_copies_and_opens_the_targets(client, planner):
    client.force_login(planner)
    page = client.get(ROLLOVER).content.decode()
    assert "15 indikator" in page and "Rp 20.535.869.000" in page
    response = client.post(ROLLOVER)
    assert response.status_code == 302 and response["Location"] == TARGETS
    again = client.post(ROLLOVER)
    assert again.status_code == 409
    assert "Tahun 2025 sudah memiliki perjanjian kinerja" in again.content.decode()
    assert Goal.objects.filter(agreement__year=2025).count() == 8


@pytest.mark.parametrize(
    ("user", "status"), [("kepala", 403), ("pic", 403), ("perencana_lain", 404)]
)
def test_only_the_units_planner_prepares_a_year(client, django_user_model, user, status):
    client.force_login(django_user_model.objects.get(username=user))
    assert client.post(ROLLOVER).status_code == status
    assert not Agreement.objects.filter(year=2025).exists()


def _targets_post(client):
    page = client.get(TARGETS)
    data = {r.key: r.typed for r in page.context["indicators"] + page.context["lines"]}
    data["state"] = page.context["state"]  # the targets as the page was opened
    return data


def test_all_targets_change_in_one_save(client, planner, year_2025):
    client.force_login(planner)
    data = _targets_post(client)
    assert len(data) - 1 == 15 + 12  # indicators and PNBP lines (the refund line has no target)
    i11 = Indicator.objects.get(goal__agreement__year=2025, goal__number=1, number=1)
    data[f"ind-{i11.pk}"] = "35,5"
    pelatihan = RevenueTarget.objects.get(year=2025, line__code="PELATIHAN")
    data[f"pnbp-{pelatihan.line_id}"] = "200.000.000"
    response = client.post(TARGETS, data)
    assert response.status_code == 302
    i11.refresh_from_db()
    pelatihan.refresh_from_db()
    assert (i11.target, pelatihan.amount) == (Decimal("35.5"), Decimal("200000000"))


def test_a_bad_target_saves_nothing_and_names_the_indicator(client, planner, year_2025):
    client.force_login(planner)
    data = _targets_post(client)
    i11 = Indicator.objects.get(goal__agreement__year=2025, goal__number=1, number=1)
    ii1 = Indicator.objects.get(goal__agreement__year=2025, goal__number=2, number=1)
    data[f"ind-{i11.pk}"] = "40"
    data[f"ind-{ii1.pk}"] = "0"
    response = client.post(TARGETS, data)
    assert response.status_code == 400
    assert "II.1: target wajib diisi dan harus lebih dari 0." in response.content.decode()
    i11.refresh_from_db()
    assert i11.target == Decimal("30")


def test_targets_of_a_year_with_a_locked_quarter_are_read_only(client, planner):
    assert QuarterLock.objects.filter(year=2024, locked=True).exists()
    client.force_login(planner)
    page = client.get("/u/BSPJI-PLG/atur/2024/target/")
    assert page.status_code == 200
    assert "sudah dikunci" in page.content.decode()
    before = list(Indicator.objects.filter(goal__agreement__year=2024).values_list("target"))
    data = {r.key: "7" for r in page.context["indicators"]}
    response = client.post("/u/BSPJI-PLG/atur/2024/target/", data)
    assert response.status_code == 409
    assert (
        list(Indicator.objects.filter(goal__agreement__year=2024).values_list("target")) == before
    )


def test_the_head_reads_the_targets_and_is_told_why_not_edit(client, head, year_2025):
    client.force_login(head)
    page = client.get(TARGETS).content.decode()
    assert "Hanya perencana unit yang dapat mengubah target dan pagu" in page
    assert 'name="ind-' not in page
    assert client.post(TARGETS, {}).status_code == 403


def _pagu_post(client):
    page = client.get(PAGU)
    data = {r.key: r.typed for r, _sub in page.context["rows"] if r.editable}
    data.update({"stated_pagu": page.context["stated_text"], "date": page.context["day_text"]})
    data["state"] = page.context["state"]  # the revision as the page was opened
    return data


def test_the_allocation_grid_holds_every_output_with_a_running_total(client, planner, year_2025):
    client.force_login(planner)
    page = client.get(PAGU)
    editable = [r for r, _sub in page.context["rows"] if r.editable]
    assert len(editable) == 32  # 11 KRO + 21 RO of the DIPA, all on one page
    assert page.context["total"] == Decimal("20535869000")
    assert page.context["previous_total"] == Decimal("20535869000")


def test_allocations_that_miss_the_ceiling_are_refused_with_a_clean_message(
    client, planner, year_2025
):
    client.force_login(planner)
    data = _pagu_post(client)
    data["stated_pagu"] = "21.000.000.000"
    response = client.post(PAGU, data)
    assert response.status_code == 400
    body = response.content.decode()
    assert (
        "Alokasi DIPA awal berjumlah Rp 20.535.869.000, sedangkan pagu yang dinyatakan "
        "Rp 21.000.000.000; selisih Rp 464.131.000." in body
    )
    revision = BudgetRevision.objects.get(budget__year=2025)
    assert revision.stated_pagu == Decimal("20535869000")


def test_a_new_ceiling_and_allocations_save_together(client, planner, year_2025):
    client.force_login(planner)
    data = _pagu_post(client)
    item = BudgetItem.objects.get(budget__year=2025, full_code="EC.6077.AEC.002")
    data[f"a-{item.pk}"] = "465.476.000"  # +400.131.000 ...
    data["stated_pagu"] = "20.936.000.000"  # ... and the ceiling with it
    response = client.post(PAGU, data)
    assert response.status_code == 302
    revision = BudgetRevision.objects.get(budget__year=2025)
    assert revision.stated_pagu == Decimal("20936000000")
    assert Allocation.objects.get(revision=revision, item=item).amount == Decimal("465476000")
    assert build_quarterly_report(revision.budget.unit, 2025, 1).budget.pagu == Decimal(
        "20936000000"
    )


def test_grid_pages_cost_a_fixed_number_of_queries(
    client, planner, year_2025, django_assert_num_queries
):
    client.force_login(planner)
    client.get(TARGETS)  # session and membership warmed like a second visit
    # each page also reads the state of its rows (two queries), posted back with a save
    with django_assert_num_queries(11):
        assert client.get(TARGETS).status_code == 200
    with django_assert_num_queries(14):
        assert client.get(PAGU).status_code == 200


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.234,5", Decimal("1234.5")),
        ("20.535.869.000", Decimal("20535869000")),
        ("Rp 1.000", Decimal("1000")),
        ("3,6", Decimal("3.6")),
        ("76", Decimal("76")),
        ("", None),
    ],
)
def test_numbers_are_read_the_indonesian_way(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["abc", "1,2,3", "NaN", "Infinity"])
def test_what_is_not_a_number_is_refused(text):
    with pytest.raises(ValueError):
        parse_number(text)


def test_the_head_opens_a_month_of_the_new_year_with_nothing_entered(client, head, year_2025):
    client.force_login(head)
    response = client.get("/u/BSPJI-PLG/isi/2025/12/")
    assert response.status_code == 200
    assert "Belum diisi" in response.content.decode()


def test_a_read_only_setup_table_shows_labels_not_codes(client, head):
    client.force_login(head)
    body = client.get("/u/BSPJI-PLG/atur/2024/revisi/").content.decode()
    assert "DIPA awal" in body
    assert ">initial<" not in body and "initial" not in body.split("<tbody>")[1]
    assert "Hapus" not in body  # no empty delete column for a reader
    assert "Hanya perencana unit yang dapat mengubah tabel ini" in body
