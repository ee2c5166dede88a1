"""The annual setup and supporting rows: one form per table, rules of section 7, locks, and
the annual workbook imported all or nothing."""

import io

import openpyxl
import pytest

from budget.models import Allocation, BudgetRevision
from perkin.models import ActionPlanStep, Indicator, Measurement, QuarterLock

pytestmark = pytest.mark.django_db
BASE = "/u/BSPJI-PLG/atur/2024/"


@pytest.fixture
def open_2024(db):
    """The demo's Q1-Q3 2024 are locked, and every quarter's report shows the year's setup
    (targets, the action plan, the budget tree): these tests edit the setup of an open year."""
    QuarterLock.objects.filter(unit__code="BSPJI-PLG", year=2024).update(locked=False)


def indicator(goal, number):
    return Indicator.objects.get(
        goal__agreement__unit__code="BSPJI-PLG", goal__number=goal, number=number
    )


def formset_data(response):
    """The formset as the browser would post it back unchanged."""
    from datetime import date
    from decimal import Decimal

    formset = response.context["formset"]
    data = {f"t-{k}": v for k, v in formset.management_form.initial.items()}
    data["state"] = response.context["state"]  # the table as the page was opened
    for form in formset.forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False or value == "":
                continue
            if value is True:
                value = "on"
            elif isinstance(value, Decimal):
                value = format(value, "f").replace(".", ",")
            elif isinstance(value, date):
                value = value.isoformat()
            data[form.add_prefix(name)] = str(value)
    return data


def test_setup_pages_load_for_the_planner(client, planner):
    client.force_login(planner)
    assert client.get(BASE).status_code == 200
    for slug in (
        "perjanjian",
        "sasaran",
        "indikator",
        "butir-anggaran",
        "revisi",
        "target-pnbp",
        "teks-laporan",
        "pelatihan",
    ):
        assert client.get(BASE + f"{slug}/").status_code == 200, slug
    assert client.get(BASE + f"pengukuran/?indikator={indicator(3, 1).pk}").status_code == 200
    assert client.get(BASE + "alokasi/?revisi=19").status_code == 200


def test_decreasing_interim_targets_are_refused(client, planner, open_2024):
    client.force_login(planner)
    ind = indicator(1, 1)
    url = BASE + f"rencana-aksi/?indikator={ind.pk}"
    data = formset_data(client.get(url))
    data["indikator"] = ind.pk
    data["t-3-interim_target_pct"] = "20"  # April below March's 25
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Target antara (%) harus kumulatif: April (20" in response.content.decode()
    assert ActionPlanStep.objects.get(indicator=ind, month=4).interim_target_pct == 35


def test_allocations_must_add_up_to_the_stated_pagu(client, planner, open_2024):
    client.force_login(planner)
    url = BASE + "alokasi/?revisi=5"
    data = formset_data(client.get(url))
    data["revisi"] = 5
    data["t-0-amount"] = "1"
    response = client.post(url, data)
    assert response.status_code == 400
    assert "pagu yang dinyatakan" in response.content.decode()
    revision = BudgetRevision.objects.get(budget__unit__code="BSPJI-PLG", number=5)
    assert (
        sum(a.amount for a in Allocation.objects.filter(revision=revision)) == revision.stated_pagu
    )


def test_measurement_with_zero_before_value_is_refused(client, planner, open_2024):
    client.force_login(planner)
    ind = indicator(3, 1)
    url = BASE + f"pengukuran/?indikator={ind.pk}"
    data = formset_data(client.get(url))
    data.update(
        {
            "indikator": ind.pk,
            "t-3-month": "11",
            "t-3-order": "4",
            "t-3-company": "IKM Baru",
            "t-3-kind": "efficiency",
            "t-3-before_value": "0",
            "t-3-after_value": "2",
            "t-3-measure_unit": "jam",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 400
    assert Measurement.objects.filter(indicator=ind).count() == 3


def test_narrative_of_a_locked_quarter_is_refused(client, planner):
    client.force_login(planner)
    ind = indicator(1, 1)
    url = BASE + f"narasi/?indikator={ind.pk}"
    data = formset_data(client.get(url))
    data.update({"indikator": ind.pk, "t-1-quarter": "2", "t-1-analysis": "Analisis TW II"})
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Triwulan 2 2024 sudah dikunci" in response.content.decode()


def test_other_units_planner_and_head_cannot_change_setup(client, other_planner, head):
    client.force_login(other_planner)
    assert client.get(BASE).status_code == 404
    assert client.get(BASE + "sasaran/").status_code == 404
    client.force_login(head)
    assert client.post(BASE + "sasaran/", {}).status_code == 403


def test_annual_workbook_round_trip_and_a_bad_row(client, planner, open_2024):
    client.force_login(planner)
    response = client.get(BASE + "unduh.xlsx")
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    assert {"sasaran", "indikator", "butir-anggaran", "revisi", "target-pnbp"} <= set(wb.sheetnames)

    def send(book):
        buffer = io.BytesIO()
        book.save(buffer)
        buffer.seek(0)
        buffer.name = "pengaturan.xlsx"
        return client.post(BASE + "impor/", {"file": buffer})

    assert send(wb).status_code == 302  # unchanged: valid
    ws = wb["indikator"]
    ws.cell(row=2, column=5, value="-3")  # target of I.1 must be positive
    ws.cell(row=3, column=4, value="Nama baru II.1")
    response = send(wb)
    assert response.status_code == 400
    html = response.content.decode()
    assert "<td>indikator</td><td>2</td><td>target</td>" in html
    assert indicator(2, 1).name != "Nama baru II.1"  # nothing imported
    ws.cell(row=2, column=5, value=30)
    assert send(wb).status_code == 302
    assert indicator(2, 1).name == "Nama baru II.1"
