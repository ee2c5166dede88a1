"""Property-based fuzz of every form that writes facts: generated bad values (huge, negative,
NaN, '1e400', '95,5%', '1.234.000', dates, unicode digits, zero-width characters, HTML,
formulas, very long text, blanks, missing fields, months and years out of range, wrong
version tokens) go to the monthly entry page, the money page, the annual setup tables, the
target and DIPA grids, approval and return, and the month and setup workbook imports.

For every generated case: never a 5xx; a refusal (400/404/409, or a redirect with an error
message where the page works that way) leaves every table of perkin and budget, their history
included, exactly as it was (nothing half-saved); an accepted value is stored as the one
number parser reads it (perkin.formatting.parse_number), text stripped. Each case runs in a
savepoint that is rolled back, so every case starts from the demo data.

The number of cases run is written to test-artifacts/fuzz.txt.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
from collections import Counter
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from budget.models import Allocation, BudgetRevision, RevenueTarget
from perkin.entry import setup_tables
from perkin.entry.kinds import MONTH_KINDS, OUTPUT, RECEIPT, SERVICE, YES, load_scope
from perkin.entry.setup_columns import ID, columns_for, workbook_tables
from perkin.entry.workbook_export import export_workbook, page_rows
from perkin.formatting import NumberParseError, parse_number
from perkin.models import Indicator, MonthlyRealisation, QuarterLock
from tests.budget.test_setup import formset_data

pytestmark = pytest.mark.django_db
CODE, YEAR = "BSPJI-PLG", 2024
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
OPEN_MONTHS = (10, 11, 12)  # the demo's Q4 2024 is open (submitted); Q1-Q3 are locked


# FUZZ_SCALE=10 runs ten times the cases with fresh random choices (a longer hunt); by default
# the cases are derived from the test's name, so the suite runs the same cases every time.
SCALE = int(os.environ.get("FUZZ_SCALE", "1"))


def fuzz(examples: int):
    """Hypothesis settings for one form: a bounded number of cases, no time limit per case."""
    return settings(
        max_examples=examples * SCALE,
        derandomize=SCALE == 1,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        database=None,  # nothing kept between runs: every run generates its cases afresh
    )


# --- what is typed ---------------------------------------------------------------------------

NASTY = [
    "", " ", "\t", "NaN", "nan", "-NaN", "Infinity", "-Infinity", "inf", "1e400", "1E5",
    "-1e-400", "95,5%", "95,5", "95.5", "100%", "100,01", "-0,01", "0", "-0", "+7", "1.234.000",
    "1.234,5", "1,234.5", "1,234,567", "1.2.3", "12.345.6", "12-11-2024", "2024-11-12",
    "12/11/2024", "3.000.000.000", "1000000000000000000", "10^18", "99999999999999999999",
    "-99999999999999999999", "Rp 1.234.000", "Rp. 5", "0x1A", "1_000", "\u0661\u0662",
    "\uff11\uff12", "\u22125", "\u200b", "5\u200b", "\u200b5", "\ufeff7", "1\u00a0000",
    "<script>alert(1)</script>", "<b>5</b>", "=1+2*3", '=HYPERLINK("http://x.invalid","y")',
    "=cmd|' /C calc'!A0", "@SUM(1)", "-2+3", "%", ",", ".", "--1", "1..2", "1,,2", "\x00",
    "5\x00", "\U0001d7d3", "\u216b", "x" * 5000, "9" * 400, "0," + "0" * 300 + "1",
    "85,5", "100", "99,99", "12", "1.250.000", "65.345.000",
]  # fmt: skip


def _dots(n: int) -> str:
    """1234567 -> '1.234.567' (Indonesian thousands)."""
    return f"{n:,}".replace(",", ".")


def typed() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(NASTY),
        st.integers(-(10**22), 10**22).map(str),
        st.integers(-(10**22), 10**22).map(_dots),
        st.decimals(allow_nan=True, allow_infinity=True).map(lambda d: str(d).replace(".", ",")),
        st.floats().map(repr),
        st.text(max_size=40),
        st.from_regex(r"\A[+-]?[0-9]{1,4}([.,][0-9]{0,4})?%?\Z"),
    )


def cell_values() -> st.SearchStrategy:
    """What a spreadsheet cell may hold: text, numbers of any size, dates, booleans, blank."""
    return st.one_of(
        typed().filter(lambda s: not ILLEGAL_CHARACTERS_RE.search(s)),
        st.integers(-(10**20), 10**20),
        st.floats(allow_nan=False, allow_infinity=False),
        st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2100, 1, 1)),
        st.dates(min_value=date(1900, 1, 2)),
        st.booleans(),
        st.none(),
    )


def _parsed(value) -> Decimal | None:
    """The oracle: the value as the one number parser reads it; None for blank."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return parse_number(value)


# --- bookkeeping -----------------------------------------------------------------------------

RUNS: dict[str, Counter] = {}


@pytest.fixture(scope="module", autouse=True)
def _record():
    yield
    if not RUNS:
        return
    ARTIFACTS.mkdir(exist_ok=True)
    total = sum(c["cases"] for c in RUNS.values())
    errors = sum(c["server_errors"] for c in RUNS.values())
    lines = [f"{total} fuzz cases, {errors} server errors"]
    for form, c in sorted(RUNS.items()):
        accepted = c["cases"] - c["refused"] - c["server_errors"]
        lines.append(
            f"{form}: {c['cases']} cases, {accepted} accepted (stored as parsed, or nothing to "
            f"change), {c['refused']} refused with nothing saved, {c['server_errors']} server "
            "errors"
        )
    (ARTIFACTS / "fuzz.txt").write_text("\n".join(lines) + "\n")


def _models() -> list[type[models.Model]]:
    return [
        m
        for label in ("perkin", "budget")
        for m in apps.get_app_config(label).get_models()
        if not m._meta.proxy
    ]


def snapshot() -> dict[str, str]:
    """Every row of every perkin and budget table (history included), as a digest per table."""
    out = {}
    for model in _models():
        digest = hashlib.sha256()
        for row in model.objects.order_by("pk").values_list():
            digest.update(repr(row).encode())
        out[model._meta.label] = digest.hexdigest()
    return out


def changed_tables(before: dict[str, str]) -> list[str]:
    after = snapshot()
    return [label for label, digest in after.items() if before.get(label) != digest]


@contextmanager
def case(form: str):
    """One generated case in a savepoint that is always rolled back."""
    counter = RUNS.setdefault(form, Counter())
    counter["cases"] += 1
    with transaction.atomic():
        yield counter
        transaction.set_rollback(True)


def judge(counter: Counter, response, before: dict[str, str], *, refused: bool = False) -> bool:
    """Checks the invariants common to every form; True when the input was accepted."""
    if response.status_code >= 500:
        counter["server_errors"] += 1
    assert response.status_code < 500, response.content[:2000]
    if refused or response.status_code in (400, 404, 409):
        assert response.status_code in (302, 400, 403, 404, 409)
        changed = changed_tables(before)
        assert changed == [], f"refused ({response.status_code}) but changed {changed}"
        counter["refused"] += 1
        return False
    return True


def _text_expected(raw: str | None) -> str:
    return (raw or "").strip()


# --- the monthly entry page ------------------------------------------------------------------

ENTRY_FIELDS = ("physical_pct", "value_to_date", "activities_done", "version")


def _number_text(value: Decimal | None) -> str:
    return "" if value is None else format(value, "f").replace(".", ",")


def _entry_post(month: int) -> tuple[dict[str, str], list[MonthlyRealisation]]:
    rows = list(
        MonthlyRealisation.objects.filter(
            indicator__goal__agreement__unit__code=CODE,
            indicator__goal__agreement__year=YEAR,
            month=month,
        ).order_by("indicator_id")
    )
    data = {"action": "save"}
    for r in rows:
        p = f"r{r.indicator_id}-"
        data[p + "physical_pct"] = _number_text(r.physical_pct)
        data[p + "activities_done"] = r.activities_done
        data[p + "value_to_date"] = _number_text(r.value_to_date)
        data[p + "version"] = str(r.version)
    return data, rows


@fuzz(30)
@given(
    month=st.sampled_from(OPEN_MONTHS),
    row=st.integers(0, 14),
    name=st.sampled_from(ENTRY_FIELDS),
    value=st.one_of(typed(), st.none()),  # None: the field is missing from the POST
)
def test_entry_page_fuzz(client, planner, month, row, name, value):
    client.force_login(planner)
    with case("entry page (realisations)") as counter:
        data, rows = _entry_post(month)
        target = rows[row % len(rows)]
        key = f"r{target.indicator_id}-{name}"
        if value is None:
            data.pop(key)
        else:
            data[key] = value
        before = snapshot()
        response = client.post(f"/u/{CODE}/isi/{YEAR}/{month}/", data)
        if not judge(counter, response, before):
            return
        assert response.status_code == 302
        stored = MonthlyRealisation.objects.get(pk=target.pk)
        if name == "activities_done":
            assert stored.activities_done == _text_expected(value)
        elif name == "version":
            assert changed_tables(before) == []  # the same version again: nothing to save
        else:
            assert getattr(stored, name) == _parsed(value), (value, getattr(stored, name))


# --- the money page ----------------------------------------------------------------------------

MONEY_FIELDS = [(OUTPUT, "spent"), (OUTPUT, "physical_pct"), (RECEIPT, "amount")]
MONEY_FIELDS += [(SERVICE, "count")]
MONEY_FIELDS += [(k, "version") for k in (OUTPUT, RECEIPT, SERVICE)]


def _money_post(unit, month: int) -> tuple[dict[str, str], dict[str, list[dict]]]:
    rows = page_rows(load_scope(unit, YEAR), month)
    data: dict[str, str] = {}
    for slug, items in rows.items():
        for r in items:
            for name in ("spent", "physical_pct", "amount", "count", "version"):
                if name in r:
                    v = r[name]
                    data[f"{slug}|{r['key']}|{name}"] = "" if v is None else format(v, "f")
            if "is_refund" in r:  # not fuzzed: posted as the page shows it
                data[f"{slug}|{r['key']}|is_refund"] = YES if r["is_refund"] else "Tidak"
    return data, rows


@fuzz(30)
@given(
    month=st.sampled_from(OPEN_MONTHS),
    row=st.integers(0, 20),
    which=st.sampled_from(MONEY_FIELDS),
    value=st.one_of(typed(), st.none()),
)
def test_money_page_fuzz(client, planner, demo_unit, month, row, which, value):
    client.force_login(planner)
    kind, name = which
    with case("money page (output spending, PNBP, services)") as counter:
        data, rows = _money_post(demo_unit, month)
        items = rows[kind.slug]
        item = items[row % len(items)]
        key = f"{kind.slug}|{item['key']}|{name}"
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
        before = snapshot()
        response = client.post(f"/u/{CODE}/keuangan/{YEAR}/{month}/", data)
        if not judge(counter, response, before):
            return
        assert response.status_code == 302
        if name == "version":
            assert changed_tables(before) == []
            return
        after = page_rows(load_scope(demo_unit, YEAR), month)[kind.slug]
        stored = next(r for r in after if r["key"] == item["key"])[name]
        expected = _parsed(value)
        if expected is None:  # a blank for a month not entered yet stays not entered
            assert item["obj"] is None and stored is None
        elif name == "physical_pct":  # two decimals, as the column holds them
            assert stored == expected.quantize(Decimal("0.01")), (value, stored)
        else:
            assert stored == expected, (value, stored)


# --- the annual setup tables --------------------------------------------------------------------


@pytest.fixture
def open_year(demo_unit):
    """Every quarter of 2024 open (undone with the test's transaction): the setup is shown by
    every quarter's report, so a locked quarter refuses every change of it."""
    QuarterLock.objects.filter(unit=demo_unit, year=YEAR).update(locked=False)


def _setup_urls(unit) -> list[str]:
    base = f"/u/{CODE}/atur/{YEAR}/"
    indicators = list(
        Indicator.objects.filter(goal__agreement__unit=unit, goal__agreement__year=YEAR)
        .order_by("goal__number", "number")
        .values_list("pk", "method")
    )
    urls = []
    for table in setup_tables.TABLES:
        if table.scope == "year":
            urls.append(f"{base}{table.slug}/")
        elif table.scope == "revision":
            urls += [f"{base}{table.slug}/?revisi={n}" for n in (0, 19)]
        else:
            wanted = [
                pk
                for pk, method in indicators
                if table.slug in ("rencana-aksi", "narasi")
                or table.slug in setup_tables.INDICATOR_TABLES.get(method, [])
            ]
            urls += [f"{base}{table.slug}/?indikator={pk}" for pk in wanted[:2]]
    return urls


@fuzz(30)
@given(
    pick=st.integers(0, 10**6),
    form_index=st.integers(0, 40),
    field_pick=st.integers(0, 40),
    value=st.one_of(typed(), st.none(), st.just("on")),
    delete=st.booleans(),
    data_=st.data(),
)
def test_setup_tables_fuzz(
    client, planner, demo_unit, open_year, pick, form_index, field_pick, value, delete, data_
):
    client.force_login(planner)
    urls = _setup_urls(demo_unit)
    url = urls[pick % len(urls)]
    with case("annual setup tables") as counter:
        page = client.get(url)
        assert page.status_code == 200, url
        table = page.context["table"]
        formset = page.context["formset"]
        data = formset_data(page)
        for extra in ("indikator", "revisi"):
            m = re.search(rf"{extra}=(\d+)", url)
            if m:
                data[extra] = m.group(1)
        forms = formset.forms
        form = forms[form_index % len(forms)]
        names = [n for n in form.fields if n not in ("id", "DELETE")]
        name = names[field_pick % len(names)]
        key = form.add_prefix(name)
        if delete and form.instance.pk and data_.draw(st.booleans()):
            data[form.add_prefix("DELETE")] = "on"
            name = None
        elif value is None:
            data.pop(key, None)
        else:
            data[key] = value
        before = snapshot()
        response = client.post(url, data)
        if not judge(counter, response, before):
            return
        assert response.status_code == 302
        if name is None or not form.instance.pk:
            return
        field = table.model._meta.get_field(name)
        stored = getattr(table.model.objects.filter(pk=form.instance.pk).first(), name, None)
        if field.choices or isinstance(field, (models.ForeignKey, models.BooleanField)):
            return
        if isinstance(field, (models.DecimalField, models.IntegerField)):
            assert stored == _parsed(value), (url, name, value, stored)
        elif isinstance(field, (models.CharField, models.TextField)):
            assert stored == _text_expected(value), (url, name, value, stored)


# --- the target and DIPA grids ---------------------------------------------------------------------


@fuzz(20)
@given(row=st.integers(0, 40), value=st.one_of(typed(), st.none()), state=st.booleans())
def test_targets_grid_fuzz(client, planner, open_year, row, value, state):
    client.force_login(planner)
    url = f"/u/{CODE}/atur/{YEAR}/target/"
    with case("targets grid") as counter:
        page = client.get(url)
        rows = page.context["indicators"] + page.context["lines"]
        data = {r.key: r.typed for r in rows}
        data["state"] = page.context["state"] if state else "tidak-sah"
        target = rows[row % len(rows)]
        if value is None:
            data.pop(target.key)
        else:
            data[target.key] = value
        before = snapshot()
        response = client.post(url, data)
        if not judge(counter, response, before):
            return
        assert response.status_code == 302 and state
        expected = _parsed(value)
        if isinstance(target.obj, Indicator):
            assert Indicator.objects.get(pk=target.obj.pk).target == expected, value
        else:
            stored = (
                RevenueTarget.objects.filter(line=target.obj, year=YEAR)
                .values_list("amount", flat=True)
                .first()
            )
            assert stored == expected, (value, stored)


@fuzz(20)
@given(
    revision=st.sampled_from([0, 5, 19]),
    row=st.integers(0, 60),
    which=st.sampled_from(["amount", "amount", "stated_pagu", "date", "revisi"]),
    value=st.one_of(typed(), st.dates().map(date.isoformat), st.none()),
    balance=st.booleans(),
)
def test_allocations_grid_fuzz(client, planner, open_year, revision, row, which, value, balance):
    client.force_login(planner)
    url = f"/u/{CODE}/atur/{YEAR}/pagu/"
    with case("DIPA allocations grid") as counter:
        page = client.get(f"{url}?revisi={revision}")
        rows = [r for r, _sub in page.context["rows"] if r.editable]
        data = {r.key: r.typed for r in rows}
        data.update(
            stated_pagu=page.context["stated_text"],
            date=page.context["day_text"],
            revisi=str(revision),
            state=page.context["state"],
        )
        target = rows[row % len(rows)]
        key = target.key if which == "amount" else which
        if value is None:
            data.pop(key)
        else:
            data[key] = value
        if which == "amount" and balance:  # keep the sum equal to the stated pagu if it parses
            try:
                new = _parsed(value) or Decimal(0)
                total = sum((r.current or 0 for r in rows if r is not target), Decimal(0)) + new
                data["stated_pagu"] = format(total, "f")
            except NumberParseError:
                pass
        before = snapshot()
        response = client.post(url, data)
        if not judge(counter, response, before):
            return
        assert response.status_code == 302
        if which == "revisi":  # an unknown revision falls back to the latest, as the page shows
            return
        saved = BudgetRevision.objects.get(pk=page.context["revision"].pk)
        if which == "amount":
            stored = (
                Allocation.objects.filter(revision=saved, item=target.item)
                .values_list("amount", flat=True)
                .first()
            )
            assert stored == _parsed(value), (value, stored)
        elif which == "stated_pagu":
            assert saved.stated_pagu == _parsed(value), value
        else:
            assert saved.date == date.fromisoformat(value), value


# --- approval and return ---------------------------------------------------------------------------


@fuzz(25)
@given(
    month=st.one_of(
        st.sampled_from(["10", "11", "12", "010"]),
        st.integers(-3, 120).map(str),
        st.sampled_from(["0", "00", "012", "13", "14", "15", "99", "1e1", "\u0663", "+1"]),
    ),
    year=st.sampled_from(["2024"] * 4 + ["1", "0001", "99999999999999999999", "2101"]),
    action=st.sampled_from(["setujui", "kembalikan"]),
    reason=st.one_of(typed(), st.none()),
)
def test_approve_and_return_fuzz(client, head, month, year, action, reason):
    client.force_login(head)
    with case("approve / return") as counter:
        before = snapshot()
        data = {} if reason is None else {"reason": reason}
        response = client.post(f"/u/{CODE}/isi/{year}/{month}/{action}/", data)
        valid_path = year == "2024" and re.fullmatch(r"1[0-2]|0?[1-9]", month)
        if not valid_path:
            assert response.status_code == 404
        m = int(month) if valid_path else 0
        blank = action == "kembalikan" and not _text_expected(reason).replace("\x00", "")
        refused = not valid_path or m not in OPEN_MONTHS or blank or "\x00" in (reason or "")
        if not judge(counter, response, before, refused=refused):
            return
        assert response.status_code == 302
        rows = MonthlyRealisation.objects.filter(
            indicator__goal__agreement__unit__code=CODE,
            indicator__goal__agreement__year=YEAR,
            month=m,
        )
        if action == "setujui":
            assert set(rows.values_list("status", flat=True)) == {"approved"}
        else:
            assert set(rows.values_list("status", flat=True)) == {"returned"}
            assert set(rows.values_list("return_reason", flat=True)) == {reason.strip()}


# --- the month workbook --------------------------------------------------------------------------

_BOOKS: dict[tuple[str, int], bytes] = {}


def _month_book(unit, user, month: int) -> bytes:
    if ("month", month) not in _BOOKS:
        _BOOKS[("month", month)] = export_workbook(unit, YEAR, [month], user)
    return _BOOKS[("month", month)]


def _save(book) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


MONTH_SHEETS = [k for k in MONTH_KINDS]
STRUCTURE = ["cell", "cell", "cell", "cell", "drop header", "unknown sheet", "rename sheet"]


@fuzz(20)
@given(
    month=st.sampled_from(OPEN_MONTHS),
    kind=st.sampled_from(MONTH_SHEETS),
    row=st.integers(2, 20),
    column=st.integers(0, 10),
    value=cell_values(),
    how=st.sampled_from(STRUCTURE),
)
def test_month_workbook_import_fuzz(
    client, planner, demo_unit, month, kind, row, column, value, how
):
    client.force_login(planner)
    with case("month workbook import") as counter:
        book = openpyxl.load_workbook(io.BytesIO(_month_book(demo_unit, planner, month)))
        ws = book[kind.sheet]
        headers = [c.value for c in ws[1]]
        entered = [h for h in headers if h not in ("Pengembalian",)]  # refunds are not fuzzed
        header = entered[column % len(entered)]
        col = headers.index(header) + 1
        row = 2 + (row - 2) % max(ws.max_row - 1, 1)
        if how == "drop header":
            ws.cell(row=1, column=col, value=None)
        elif how == "unknown sheet":
            book.create_sheet("Lembar lain").cell(row=1, column=1, value=value)
        elif how == "rename sheet":
            ws.title = "Realisasi2" if kind.sheet != "Realisasi2" else "X"
        else:
            ws.cell(row=row, column=col, value=value)
        key = (ws.cell(row=row, column=1).value, ws.cell(row=row, column=2).value)
        before = snapshot()
        response = client.post(
            f"/u/{CODE}/impor/{YEAR}/",
            {"file": SimpleUploadedFile("isian.xlsx", _save(book))},
        )
        if not judge(counter, response, before):
            return
        assert response.status_code == 200
        token = response.context["token"]
        assert changed_tables(before) == []  # a preview writes nothing
        if not token:
            return
        response = client.post(f"/u/{CODE}/impor/{YEAR}/terapkan/", {"token": token})
        assert response.status_code == 302, response.content[:2000]
        assert how == "cell"
        name = next(c.name for c in kind.columns if c.header == header)
        if name in ("version", "month") or next(c for c in kind.columns if c.name == name).role in (
            "key",
            "info",
        ):
            return
        scope = load_scope(demo_unit, YEAR)
        if kind is MONTH_KINDS[0]:
            indicator = scope.indicators[str(key[0])]
            stored = getattr(
                MonthlyRealisation.objects.get(indicator=indicator, month=key[1]), name
            )
        else:
            stored = next(r for r in page_rows(scope, month)[kind.slug] if r["key"] == key[0])[name]
        if name == "activities_done":
            if value is None or isinstance(value, str):
                assert stored == _text_expected(value)
            return
        expected = _parsed(value)
        if name == "physical_pct" or name == "value_to_date":
            expected = expected.quantize(Decimal("0.01"))
        assert stored == expected, (header, value, stored)


# --- the annual setup workbook ---------------------------------------------------------------------


@fuzz(8)
@given(
    sheet_pick=st.integers(0, 20),
    row=st.integers(2, 60),
    column=st.integers(0, 20),
    value=cell_values(),
)
def test_setup_workbook_import_fuzz(client, planner, open_year, sheet_pick, row, column, value):
    client.force_login(planner)
    with case("setup workbook import") as counter:
        if "setup" not in _BOOKS:
            _BOOKS["setup"] = client.get(f"/u/{CODE}/atur/{YEAR}/unduh.xlsx").content
        book = openpyxl.load_workbook(io.BytesIO(_BOOKS["setup"]))
        tables = {t.slug: t for t in workbook_tables()}
        sheets = [ws for ws in book.worksheets if ws.title in tables]
        ws = sheets[sheet_pick % len(sheets)]
        table = tables[ws.title]
        headers = [c.value for c in ws[1]]
        col = column % len(headers) + 1
        row = 2 + (row - 2) % max(ws.max_row - 1, 1)
        ws.cell(row=row, column=col, value=value)
        pk = ws.cell(row=row, column=headers.index(ID) + 1).value if ID in headers else None
        before = snapshot()
        response = client.post(
            f"/u/{CODE}/atur/{YEAR}/impor/",
            {"file": SimpleUploadedFile("atur.xlsx", _save(book))},
        )
        if not judge(counter, response, before):
            return
        assert response.status_code == 200
        assert changed_tables(before) == []  # a preview writes nothing
        token = response.context.get("token")
        if not token:
            return
        before = snapshot()
        response = client.post(f"/u/{CODE}/atur/{YEAR}/impor/terapkan/", {"token": token})
        if not judge(counter, response, before):  # a new row that clashes at apply: a 409
            return
        assert response.status_code == 302, response.content[:2000]
        column_ = next((c for c in columns_for(table) if c.header == headers[col - 1]), None)
        if column_ is None or not isinstance(pk, int):
            return
        obj = table.model.objects.filter(pk=pk).first()
        stored = getattr(obj, column_.name)
        if column_.kind in ("int", "decimal"):
            expected = _parsed(value)
            if column_.kind == "decimal" and expected is not None:
                expected = expected.quantize(Decimal(1).scaleb(-column_.field.decimal_places))
            assert stored == expected, (ws.title, column_.name, value, stored)
        elif column_.kind == "text" and (value is None or isinstance(value, str)):
            assert stored == _text_expected(value)
