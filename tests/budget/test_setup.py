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
        goal__agreement__unit__code="BSPJI-PLG",
        goal__agreement__year=2024,
        goal__number=goal,
        number=number,
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


def _setup_file(client, url=BASE + "unduh.xlsx"):
    response = client.get(url)
    assert response.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(response.content))


def _send(client, book, url=BASE + "impor/", name="pengaturan.xlsx"):
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = name
    return client.post(url, {"file": buffer})


def _headers(ws):
    return [c.value for c in ws[1]]


def test_setup_workbook_is_prepared_for_entry(client, planner):
    client.force_login(planner)
    Indicator.objects.filter(pk=indicator(2, 2).pk).update(name="=1+2*3")
    wb = _setup_file(client)
    ws = wb["indikator"]
    assert ws.protection.sheet
    assert ws["A2"].protection.locked and not ws["B2"].protection.locked
    assert not ws.cell(row=ws.max_row, column=3).protection.locked  # rows for new entries
    headers = _headers(ws)
    assert headers[:4] == ["ID", "Sasaran", "Nomor", "Indikator kinerja"]
    formula_cell = next(r[3] for r in ws.iter_rows(min_row=2) if r[3].value == "=1+2*3")
    assert formula_cell.data_type == "s"  # stored text, never a live formula
    assert "Semakin tinggi semakin baik" in [c.value for c in ws["G"]]  # a choice by its label
    lists = {
        str(dv.sqref).split(":")[0].rstrip("0123456789"): dv
        for dv in ws.data_validations.dataValidation
    }
    arah, metode = headers.index("Arah"), headers.index("Metode")
    from openpyxl.utils import get_column_letter

    assert lists[get_column_letter(arah + 1)].type == "list"
    assert lists[get_column_letter(metode + 1)].type == "list"
    assert lists["E"].type == "decimal"  # target: a number within the database's range
    refund = wb["jenis-pnbp"]
    values = {
        c.value for c in refund[get_column_letter(_headers(refund).index("Baris pengembalian") + 1)]
    }
    assert values <= {"Baris pengembalian", "Ya", "Tidak", None}
    assert wb["Daftar"].sheet_state == "hidden"
    assert int(ws.page_setup.paperSize) == 9 and ws.sheet_properties.pageSetUpPr.fitToPage


def test_unchanged_setup_workbook_says_nothing_changed(client, planner):
    client.force_login(planner)
    response = _send(client, _setup_file(client))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tidak ada perubahan: 109 baris dibaca" in html and 'name="token"' not in html


def test_annual_workbook_preview_then_apply_and_a_bad_row(client, planner, open_2024):
    client.force_login(planner)
    wb = _setup_file(client)
    ws = wb["indikator"]
    ws.cell(row=2, column=5, value="-3")  # target of I.1 must be positive
    ws.cell(row=3, column=4, value="Nama baru II.1")
    response = _send(client, wb)
    assert response.status_code == 400
    html = response.content.decode()
    assert "<td>indikator</td><td>2</td><td>Target</td>" in html
    assert indicator(2, 1).name != "Nama baru II.1"  # nothing imported
    ws.cell(row=2, column=5, value="30")
    kinds = wb["jenis-layanan"]
    for code in ("UJI-BARU", "KAL-BARU"):  # two new rows without an ID
        kinds.append([None, code, f"Layanan {code}", "LHU", 20])
    response = _send(client, wb)
    assert response.status_code == 200
    html = response.content.decode()
    assert "2 baris baru, 1 baris diubah, 108 baris tetap" in html
    assert "Indikator kinerja</span>: " in html and "<strong>Nama baru II.1</strong>" in html
    assert indicator(2, 1).name != "Nama baru II.1"  # a preview writes nothing
    token = html.split('name="token" value="')[1].split('"')[0]
    response = client.post(BASE + "impor/terapkan/", {"token": token})
    assert response.status_code == 302
    assert indicator(2, 1).name == "Nama baru II.1"
    from budget.models import ServiceKind

    assert set(
        ServiceKind.objects.filter(
            unit__code="BSPJI-PLG", code__in=["UJI-BARU", "KAL-BARU"]
        ).values_list("code", flat=True)
    ) == {"UJI-BARU", "KAL-BARU"}
    assert client.post(BASE + "impor/terapkan/", {"token": token}).status_code == 404


def test_last_years_setup_starts_a_new_year(client, planner, django_assert_max_num_queries):
    from budget.models import BudgetItem, BudgetRevision, RevenueTarget
    from perkin.models import Goal

    client.force_login(planner)
    new_year = "/u/BSPJI-PLG/atur/2025/"
    wb = _setup_file(client, new_year + "unduh.xlsx?dari=2024")
    assert wb["indikator"]["A2"].value is None and wb["jenis-pnbp"]["A2"].value is not None
    response = _send(client, wb, new_year + "impor/")
    assert response.status_code == 200, response.content.decode()[-3000:]
    html = response.content.decode()
    token = html.split('name="token" value="')[1].split('"')[0]
    assert Goal.objects.filter(agreement__year=2025).count() == 0
    response = client.post(new_year + "impor/terapkan/", {"token": token})
    assert response.status_code == 302
    for model, path in (
        (Goal, "agreement"),
        (Indicator, "goal__agreement"),
        (BudgetItem, "budget"),
        (BudgetRevision, "budget"),
    ):
        old = model.objects.filter(**{f"{path}__unit__code": "BSPJI-PLG", f"{path}__year": 2024})
        new = model.objects.filter(**{f"{path}__unit__code": "BSPJI-PLG", f"{path}__year": 2025})
        assert new.count() == old.count() > 0, model
    i11 = Indicator.objects.get(goal__agreement__year=2025, goal__number=1, number=1)
    assert i11.target == 30 and i11.team.name == "Fungsi OPTIPK"
    assert (
        BudgetItem.objects.get(budget__year=2025, full_code__endswith="6077.AEC").parent.budget.year
        == 2025
    )
    assert (
        RevenueTarget.objects.filter(year=2025).count()
        == RevenueTarget.objects.filter(year=2024, line__unit__code="BSPJI-PLG").count()
    )
    # the same file again: nothing changed
    again = _send(client, _setup_file(client, new_year + "unduh.xlsx"), new_year + "impor/")
    assert "Tidak ada perubahan" in again.content.decode()
