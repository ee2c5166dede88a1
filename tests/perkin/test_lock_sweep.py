"""The lock sweep: with every quarter of 2024 locked, every way to write (every URL pattern of
the product, every write service, the admin's change, delete and add views) is tried against
facts the locked reports show, and the four quarters' report JSON is byte-identical after.

The tables below must name every URL pattern and every public service: a new one without a
write attempt here (or a stated reason why it writes no fact) fails the sweep.
"""

from __future__ import annotations

import inspect
import io
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from budget import services as budget_services
from budget.models import OutputRealisation, RevenueReceipt
from perkin import services
from perkin.entry import setup_tables
from perkin.entry.workbook_export import export_workbook
from perkin.locks import LockedPeriodError
from perkin.models import Indicator, MonthlyRealisation, QuarterLock
from reports.checks import build_quarterly_report
from reports.exporters.json_export import report_as_dict
from tests.budget.test_setup import formset_data
from tests.helpers import quarters_opened

pytestmark = pytest.mark.django_db
CODE, YEAR = "BSPJI-PLG", 2024
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

# URL names that write no fact a report shows, and why
NOT_FACT_WRITES = {
    "login": "signs in",
    "logout": "signs out",
    "password_change": "the user's own password",
    "password_change_done": "a page",
    "password_reset": "sends a reset e-mail",
    "password_reset_done": "a page",
    "password_reset_confirm": "the user's own password",
    "password_reset_complete": "a page",
    "set_language": "the user's language cookie",
    "entry:unlock": "the lock's own door: opening a quarter with a recorded reason",
    "reports:report_finalise": "freezes a locked quarter's files as they are; changes no fact",
    "reports:finding_acknowledge": "the head's recorded judgement on a finding, made after the "
    "lock so that the quarter can be finalised; changes no fact",
    "reports:final_signed_upload": "keeps the signed copy of a frozen final file",
    "entry:rollover": "creates next year's setup only (a year nothing has locked)",
    "entry:board": "sets the quarter's deadline, which no report shows",
}
# URL names that only read (their POST is refused or not routed)
READ_ONLY = {
    "entry:entry_today",
    "entry:evidence",
    "entry:download_month",
    "entry:download_year",
    "entry:history",
    "entry:setup_index",
    "entry:setup_download",
    "reports:home",
    "reports:units",
    "reports:dashboard",
    "reports:indicator",
    "reports:report",
    "reports:report_download",
    "reports:final_download",
    "entry:org_chart_image",
    "entry:board_today",
    "reports:report_job",
    "health",
}


def url_names() -> set[str]:
    def walk(patterns, namespace=None):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, p.namespace or namespace)
            elif isinstance(p, URLPattern) and p.name:
                yield f"{namespace}:{p.name}" if namespace else p.name

    return {n for n in walk(get_resolver().url_patterns) if not n.startswith("admin:")}


def reports_json(unit) -> list[str]:
    return [
        json.dumps(report_as_dict(build_quarterly_report(unit, YEAR, q)), sort_keys=True)
        for q in (1, 2, 3, 4)
    ]


@pytest.fixture
def locked_year(demo_unit, head, planner, client):
    """The demo year with Q4 locked too (Q1-Q3 are locked in the demo), and a workbook
    preview made while Q4 was still open (its apply comes after the lock)."""
    client.force_login(planner)
    content = _month_workbook(demo_unit, planner, 11, Decimal("99.5"))
    preview = client.post(
        f"/u/{CODE}/impor/{YEAR}/", {"file": SimpleUploadedFile("isian.xlsx", content)}
    )
    token = preview.context["token"]
    with quarters_opened(demo_unit, YEAR):  # a setup change previewed while 2024 was open
        book = openpyxl.load_workbook(
            io.BytesIO(client.get(f"/u/{CODE}/atur/{YEAR}/unduh.xlsx").content)
        )
        book["indikator"].cell(row=3, column=4, value="Nama baru sebelum kunci")
        out = io.BytesIO()
        book.save(out)
        setup_preview = client.post(
            f"/u/{CODE}/atur/{YEAR}/impor/",
            {"file": SimpleUploadedFile("atur.xlsx", out.getvalue())},
        )
    setup_token = setup_preview.context["token"]
    assert setup_token
    approval = services.month_approve(unit=demo_unit, year=YEAR, month=12, user=head)
    assert approval.locked, approval.blockers
    assert QuarterLock.objects.filter(unit=demo_unit, year=YEAR, locked=True).count() == 4
    return token, setup_token


def _month_workbook(unit, user, month, value) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(export_workbook(unit, YEAR, [month], user)))
    sheet = book["Realisasi"]
    column = [c.value for c in sheet[1]].index("Realisasi fisik (%)") + 1
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == "I.1":
            sheet.cell(row=row[0].row, column=column, value=float(value))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# how the pages show a refusal: a form error, an error message, the admin's error note or list
ERROR_MARKS = (
    'class="error"', "msg-error", "errornote", 'class="errorlist', '<li class="error"',
    'role="alert"',
)  # fmt: skip


class Sweep:
    """Write attempts and whether each was refused: an error status, or a page (after its
    redirect, if any) that shows the refusal."""

    def __init__(self, client):
        self.client = client
        self.attempts: list[tuple[str, str]] = []

    def record(self, what: str, response) -> None:
        if isinstance(response, str):  # a service's outcome
            self.attempts.append((what, response))
            return
        status = response.status_code
        if status in (403, 404):  # the admin offers no deletion of a locked row
            self.attempts.append((what, f"refused {status}"))
            return
        page = self.client.get(response["Location"]) if status == 302 else response
        html = page.content.decode(errors="replace")
        if "dikunci" in html and any(mark in html for mark in ERROR_MARKS):
            self.attempts.append((what, f"refused {status} (lock)"))
        else:
            self.attempts.append((what, f"ACCEPTED or refused for another reason {status}"))


def _entry_post(month: int) -> dict:
    data = {"action": "save"}
    for r in MonthlyRealisation.objects.filter(
        indicator__goal__agreement__unit__code=CODE,
        indicator__goal__agreement__year=YEAR,
        month=month,
    ):
        data[f"r{r.indicator_id}-physical_pct"] = "100"
        data[f"r{r.indicator_id}-activities_done"] = "diubah"
        data[f"r{r.indicator_id}-value_to_date"] = ""
        data[f"r{r.indicator_id}-version"] = str(r.version)
    return data


NUMBERS = ("target", "amount", "pct", "value", "count", "score", "participants", "spent")
TEXTS = (
    "name", "text", "reason", "analysis", "obstacles", "recommendation", "planned_activities",
    "activities_done", "description", "company", "element", "aspect", "note", "service",
    "standard", "first_party", "organiser", "definition", "location", "dipa_number",
    "function_label", "subfunction_label", "group_name", "unit_of_measure", "measure_unit",
    "numerator_label", "denominator_label", "dates_text", "audience", "source", "subject",
)  # fmt: skip


def _changed(data: dict, form_prefix: str, comma: bool = True) -> dict:
    """The posted form with one value changed: a number - 0,01 (a valid change within any
    range) or a text with a suffix. Pages take the decimal comma, the admin a point."""
    out = dict(data)
    fields = {k: k[len(form_prefix) :] for k in data if k.startswith(form_prefix)}
    for key, field in fields.items():
        if field.endswith(NUMBERS) and data[key] not in ("", None):
            text = str(data[key])
            number = Decimal(text.replace(".", "").replace(",", ".") if comma else text)
            step = Decimal(1) if number == number.to_integral_value() else Decimal("0.01")
            changed = str(number - step if number >= 1 else number + step)
            out[key] = changed.replace(".", ",") if comma else changed
            return out
    for key, field in fields.items():
        if field.split("-")[-1] in TEXTS or field.endswith(TEXTS):
            out[key] = f"{data[key]} (diubah)"
            return out
    raise AssertionError(f"no field to change among {sorted(fields.values())}")


def _setup_urls(unit) -> list[str]:
    base = f"/u/{CODE}/atur/{YEAR}/"
    urls = []
    indicators = Indicator.objects.filter(goal__agreement__unit=unit, goal__agreement__year=YEAR)
    for table in setup_tables.TABLES:
        if table.scope == "indicator":
            urls += [f"{base}{table.slug}/?indikator={i.pk}" for i in indicators]
        elif table.scope == "revision":
            urls.append(f"{base}{table.slug}/?revisi=0")
        else:
            urls.append(f"{base}{table.slug}/")
    return urls


def test_every_write_path_is_refused_behind_the_lock(
    client, demo_unit, planner, head, admin_user_demo, locked_year
):
    before = reports_json(demo_unit)
    sweep = Sweep(client)
    covered: set[str] = set(NOT_FACT_WRITES) | set(READ_ONLY)

    # --- the pages ------------------------------------------------------------------------
    client.force_login(planner)
    for month in (1, 5, 11):
        r = client.post(reverse("entry:entry", args=[CODE, YEAR, month]), _entry_post(month))
        sweep.record(f"entry {month}", r)
    covered.add("entry:entry")
    month_token, setup_token = locked_year
    r = client.post(reverse("entry:apply", args=[CODE, YEAR]), {"token": month_token})
    sweep.record("workbook apply (previewed before the lock)", r)
    covered.add("entry:apply")
    content = _month_workbook(demo_unit, planner, 11, Decimal("99.75"))
    r = client.post(
        reverse("entry:import", args=[CODE, YEAR]),
        {"file": SimpleUploadedFile("isian.xlsx", content)},
    )
    sweep.record("workbook import", r)
    covered.add("entry:import")
    kro = OutputRealisation.objects.filter(item__budget__unit=demo_unit).first()
    for month in (6, 11):
        data = {
            "output|6077.AEC|spent": "123",
            "output|6077.AEC|version": "",
            "pnbp|PENGUJIAN|amount": "1000",
            "pnbp|PENGUJIAN|version": str(
                RevenueReceipt.objects.filter(line__unit=demo_unit, year=YEAR, month=month)
                .values_list("version", flat=True)
                .first()
                or ""
            ),
        }
        r = client.post(reverse("entry:money", args=[CODE, YEAR, month]), data)
        sweep.record(f"money {month}", r)
    assert kro is not None
    covered.add("entry:money")
    for url in _setup_urls(demo_unit):
        page = client.get(url)
        if page.status_code != 200:
            continue
        data = formset_data(page)
        has_rows = int(data.get("t-INITIAL_FORMS", 0)) > 0
        if has_rows:
            r = client.post(url, _changed(data, "t-0-"))
            sweep.record(f"setup change {url}", r)
            deleting = dict(data, **{"t-0-DELETE": "on"})
            r = client.post(url, deleting)
            sweep.record(f"setup delete {url}", r)
    covered.add("entry:setup_table")
    book = client.get(reverse("entry:setup_download", args=[CODE, YEAR]))
    wb = openpyxl.load_workbook(io.BytesIO(book.content))
    for ws in wb.worksheets[1:]:
        header = [c.value for c in ws[1]]
        for i, name in enumerate(header):
            if name and str(name).lower() in ("target", "indikator kinerja", "uraian", "nama"):
                cell = ws.cell(row=2, column=i + 1)
                cell.value = (
                    (cell.value or 0) + 1
                    if isinstance(cell.value, (int, float))
                    else (f"{cell.value} (diubah)")
                )
                break
    out = io.BytesIO()
    wb.save(out)
    r = client.post(
        reverse("entry:setup_import", args=[CODE, YEAR]),
        {"file": SimpleUploadedFile("atur.xlsx", out.getvalue())},
    )
    sweep.record("setup workbook import", r)
    covered.add("entry:setup_import")
    r = client.post(reverse("entry:setup_apply", args=[CODE, YEAR]), {"token": setup_token})
    sweep.record("setup workbook apply (previewed before the lock)", r)
    covered.add("entry:setup_apply")
    r = client.post(
        reverse("entry:org_chart", args=[CODE, YEAR]),
        {"image": SimpleUploadedFile("so.png", _png())},
    )
    sweep.record("organisation chart", r)
    covered.add("entry:org_chart")
    targets = client.get(reverse("entry:targets", args=[CODE, YEAR]))
    data = {row.key: "7" for row in targets.context["indicators"]}
    data["state"] = targets.context["state"]
    r = client.post(reverse("entry:targets", args=[CODE, YEAR]), data)
    sweep.record("targets grid", r)
    covered.add("entry:targets")
    pagu = client.get(reverse("entry:allocations", args=[CODE, YEAR]) + "?revisi=0")
    data = {row.key: row.typed for row, _sub in pagu.context["rows"] if row.editable}
    first = next(k for k in data)
    data[first] = "1"
    data.update(
        stated_pagu=pagu.context["stated_text"],
        date=pagu.context["day_text"],
        revisi="0",
        state=pagu.context["state"],
    )
    r = client.post(reverse("entry:allocations", args=[CODE, YEAR]), data)
    sweep.record("allocations grid", r)
    covered.add("entry:allocations")
    client.force_login(head)
    for name, extra in (("entry:approve", {}), ("entry:return", {"reason": "koreksi"})):
        r = client.post(reverse(name, args=[CODE, YEAR, 11]), extra)
        sweep.record(name, r)
        covered.add(name)

    # --- the admin ----------------------------------------------------------------------
    client.force_login(admin_user_demo)
    for model in list(admin.site._registry):
        if not callable(getattr(model, "lock_period", None)):
            continue
        obj = next(
            (o for o in model.objects.all()[:200] if _locked(o, demo_unit)),
            None,
        )
        if obj is None:
            continue
        opts = model._meta
        change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        page = client.get(change)
        if page.status_code == 200 and "adminform" in page.context:
            data = _admin_form_data(page)
            r = client.post(change, _changed(data, "", comma=False))
            sweep.record(f"admin change {opts.label}", r)
        delete = reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[obj.pk])
        r = client.post(delete, {"post": "yes"})
        sweep.record(f"admin delete {opts.label}", r)
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        r = client.post(
            changelist,
            {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"},
        )
        sweep.record(f"admin bulk delete {opts.label}", r)
    november = MonthlyRealisation.objects.filter(
        indicator__goal__agreement__unit=demo_unit, indicator__goal__agreement__year=YEAR, month=11
    ).first()
    r = client.post(
        reverse("admin:perkin_evidence_add"),
        {"realisation": november.pk, "url": "https://contoh.go.id/bukti", "description": "x"},
    )
    sweep.record("admin add evidence", r)

    # --- the services ---------------------------------------------------------------------
    indicator = Indicator.objects.filter(goal__agreement__unit=demo_unit).first()
    calls = {
        "realisations_save": lambda: services.realisations_save(
            unit=demo_unit,
            year=YEAR,
            month=11,
            rows=[services.RowInput(indicator, Decimal("100"), "x", None, november.version)],
            user=planner,
        ),
        "month_submit": lambda: services.month_submit(
            unit=demo_unit, year=YEAR, month=11, user=planner, indicators=[indicator]
        ),
        "month_return": lambda: services.month_return(
            unit=demo_unit, year=YEAR, month=11, user=head, reason="x"
        ),
        "month_approve": lambda: services.month_approve(
            unit=demo_unit, year=YEAR, month=11, user=head
        ),
        "evidence_add": lambda: services.evidence_add(
            realisation=november, unit=demo_unit, url="https://contoh.go.id/b", user=planner
        ),
        "versioned_rows_write": lambda: services.versioned_rows_write(
            unit=demo_unit, year=YEAR, rows=[(november, {"physical_pct": Decimal(1)})], user=planner
        ),
        "money_rows_write": lambda: budget_services.money_rows_write(
            unit=demo_unit, year=YEAR, rows=[(kro, {"spent": Decimal(1)})], user=planner
        ),
        "organisation_chart_save": lambda: services.organisation_chart_save(
            unit=demo_unit, year=YEAR, content=_png(), filename="so.png", user=planner
        ),
        "rows_save": lambda: services.rows_save(
            unit=demo_unit, saves=[_with(indicator, target=Decimal(7))], deletes=[], user=planner
        ),
    }
    # the services that write nothing a report shows, or open the lock on purpose
    not_fact = {"quarter_lock", "quarter_unlock", "mark_edited", "lock_refusal"}
    public = {
        name
        for module in (services, budget_services)
        for name, fn in inspect.getmembers(module, inspect.isfunction)
        if fn.__module__ == module.__name__ and not name.startswith("_")
    } - {"receipt_problem"}
    assert public - not_fact == set(calls), "a write service is missing from the sweep"
    for name, call in calls.items():
        try:
            call()
        except (LockedPeriodError, services.ValidationError) as exc:
            sweep.record(f"service {name}", f"refused ({type(exc).__name__})")
        else:
            sweep.record(f"service {name}", "ACCEPTED")

    assert covered >= url_names(), f"URL patterns without a sweep: {url_names() - covered}"
    accepted = [a for a in sweep.attempts if not a[1].startswith("refused")]
    after = reports_json(demo_unit)
    assert after == before
    assert accepted == [], accepted
    assert len(sweep.attempts) > 50
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "lock-sweep.txt").write_text(
        f"{len(sweep.attempts)} write attempts against locked quarters, all refused; "
        f"report JSON of Q1-Q4 {YEAR} unchanged\n"
        + "\n".join(f"{what}: {outcome}" for what, outcome in sweep.attempts)
    )


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(out, format="PNG")
    return out.getvalue()


def _with(obj, **values):
    for k, v in values.items():
        setattr(obj, k, v)
    return obj


def _locked(obj, unit) -> bool:
    from perkin.locks import periods_of

    return any(p.unit_id == unit.pk and p.year == YEAR for p in periods_of(obj))


def _admin_form_data(page) -> dict:
    data = {}
    form = page.context["adminform"].form
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        data[name] = (
            "on"
            if value is True
            else (value.isoformat() if isinstance(value, date) else str(value))
        )
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        mgmt = formset.management_form
        for name in mgmt.fields:
            data[mgmt.add_prefix(name)] = mgmt[name].value()
        for f in formset.forms:
            for name in f.fields:
                value = f[name].value()
                if value is None or value is False:
                    continue
                data[f.add_prefix(name)] = "on" if value is True else str(value)
    return data
