"""The month's workbook (download, import with preview, apply) and the month's money facts
(output spending, PNBP receipts, service outputs) entered in the browser."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from budget.models import OutputRealisation, RevenueReceipt, ServiceOutput
from perkin import access
from perkin import history as perkin_history
from perkin.access import Action
from perkin.calendar import MONTH_NAMES, MONTHS
from perkin.entry import workbook_export
from perkin.entry import workbook_import as workbook
from perkin.entry.kinds import (
    OUTPUT,
    REALISATION,
    RECEIPT,
    SERVICE,
    entry_fields,
    entry_labels,
    load_scope,
)
from perkin.entry.navigation import month_navigation, no_year_page, setup_years
from perkin.entry.workbook_files import ACCEPT, Upload, forget_upload, stash_upload, unstash_upload
from perkin.entry.workbook_import import ImportResult, RowError, validate_rows
from perkin.locks import hold_unit, month_locks, month_refusal
from perkin.models import MonthlyRealisation

SESSION_KEY = "perkin-imports"


def _xlsx(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=workbook.XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def download_month(request: HttpRequest, code: str, year: int, month: int) -> HttpResponse:
    unit = access.unit_for(request.user, code, Action.ENTER_WORKBOOK)
    if not 1 <= month <= 12:
        raise Http404
    content = workbook_export.export_workbook(unit, year, [month], request.user)
    return _xlsx(content, f"isian-{unit.code.lower()}-{year}-{month:02d}.xlsx")


@login_required
def download_year(request: HttpRequest, code: str, year: int) -> HttpResponse:
    unit = access.unit_for(request.user, code, Action.ENTER_WORKBOOK)
    content = workbook_export.export_workbook(unit, year, list(range(1, 13)), request.user)
    return _xlsx(content, f"isian-{unit.code.lower()}-{year}.xlsx")


@login_required
def import_workbook(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """Upload a filled workbook: errors (sheet, row, column, message) or a preview."""
    unit = access.unit_for(request.user, code, Action.ENTER_WORKBOOK)
    ctx = {"unit": unit, "year": year, "result": None, "token": None, "accept": ACCEPT}
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            ctx["file_error"] = _("Pilih berkas Excel (.xlsx) untuk diunggah.")
            return render(request, "entry/import.html", ctx, status=400)
        head = upload.read(4)
        upload.seek(0)
        problem = workbook.check_file(upload.name, upload.size, head)
        if problem:
            ctx["result"] = ImportResult(errors=[workbook.RowError("", None, "", problem)])
            return render(request, "entry/import.html", ctx, status=400)
        received = Upload(upload.name, upload.read())
        result = workbook.parse_import(
            received.content, unit=unit, year=year, user=request.user, name=received.name
        )
        ctx["result"] = result
        if not result.ok:
            return render(request, "entry/import.html", ctx, status=400)
        if result.writes:
            ctx["token"] = stash_upload(request, SESSION_KEY, unit, year, received)
    return render(request, "entry/import.html", ctx)


@login_required
@require_POST
def apply_workbook(request: HttpRequest, code: str, year: int) -> HttpResponse:
    unit = access.unit_for(request.user, code, Action.ENTER_WORKBOOK)
    token = request.POST.get("token", "")
    received, stashed_year = unstash_upload(request, SESSION_KEY, token, unit)
    result = workbook.apply_import(
        received.content, unit=unit, year=stashed_year, user=request.user, name=received.name
    )
    if not result.ok:
        return render(
            request,
            "entry/import.html",
            {"unit": unit, "year": year, "result": result, "token": None, "accept": ACCEPT},
            status=409,
        )
    forget_upload(request, SESSION_KEY, token)
    messages.success(
        request,
        _("Impor selesai: %(n)s baris diperbarui dari %(read)s baris dibaca.")
        % {"n": len(result.writes), "read": result.rows_read},
    )
    return redirect("entry:import", code=unit.code, year=stashed_year)


MONEY_KINDS = (OUTPUT, RECEIPT, SERVICE)


@login_required
def money_month(request: HttpRequest, code: str, year: int, month: int) -> HttpResponse:
    """Spending and physical % per output, PNBP receipts per line and service outputs for a
    month, validated by the same rules as the workbook import."""
    unit = access.unit_for(request.user, code, Action.OPEN_MONEY)
    if not 1 <= month <= 12:
        raise Http404
    years = setup_years(unit)
    if year not in years:
        if request.method == "POST":
            raise Http404(_("Belum ada perjanjian kinerja untuk tahun ini."))
        return no_year_page(request, unit, year, month, years)
    scope = load_scope(unit, year)
    locked = bool(month_locks(unit.pk, year, [month]))  # shown by a locked report
    can_edit = access.can(request.user, Action.ENTER_MONEY, unit) and not locked
    result = None
    posted: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        access.require(access.can(request.user, Action.ENTER_MONEY, unit))
        if locked:
            messages.error(request, month_refusal(year, [month]))
            status = 409
        else:
            posted = {k: v for k, v in request.POST.items() if "|" in k}
            with transaction.atomic():
                # the unit's saves run one after the other: this one validates against the
                # rows as the previous save left them, so it cannot overwrite it unseen
                hold_unit(unit.pk)
                scope = load_scope(unit, year)
                result = ImportResult()
                for kind in MONEY_KINDS:
                    validate_rows(
                        kind,
                        _page_rows(kind, scope, month, request.POST),
                        scope=scope,
                        user=request.user,
                        result=result,
                    )
                saved = (
                    workbook.write_rows(result.writes, unit=unit, year=year, user=request.user)
                    if result.ok
                    else 0
                )
            if result.ok:
                messages.success(
                    request,
                    _("Tersimpan %(n)s baris untuk %(month)s %(year)s.")
                    % {"n": saved, "month": MONTH_NAMES[month], "year": year}
                    if saved
                    else _("Tidak ada perubahan untuk disimpan."),
                )
                return redirect("entry:money", code=unit.code, year=year, month=month)
            stale = any(e.column == "Versi" for e in result.errors)
            status = 409 if stale else 400
    if result is not None:  # on the page a row is named by its code, not a sheet row number
        keys = {
            (k.sheet, n): key
            for k in MONEY_KINDS
            for n, key in enumerate(workbook_export.page_keys(k, scope), start=1)
        }
        result.errors = [
            RowError(e.sheet, e.row, f"{keys.get((e.sheet, e.row), '')} · {e.column}", e.message)
            for e in result.errors
        ]
    rows = workbook_export.page_rows(scope, month)
    if result is not None and not result.ok:  # show what the user typed, not the stored values
        for slug, items in rows.items():
            for r in items:
                for name in ("spent", "physical_pct", "amount", "count"):
                    key = f"{slug}|{r['key']}|{name}"
                    if key in request.POST:
                        r[name] = request.POST[key]
    can_enter = access.can(request.user, Action.ENTER_MONEY, unit)
    ctx = {
        "unit": unit,
        "year": year,
        "month": month,
        "month_name": MONTH_NAMES[month],
        "rows": rows,
        "locked": locked,
        "can_edit": can_edit,
        "result": result,
        "posted": posted,
        "kinds": MONEY_KINDS,
        "nav": month_navigation(
            unit,
            year,
            month,
            url_name="entry:money",
            years=years,
            can_prepare=access.can(request.user, Action.EDIT_SETUP, unit),
        ),
        "months": [(n, MONTH_NAMES[n]) for n in range(1, 13)],
        "read_only_reason": ""
        if can_enter
        else _("Kepala unit membaca halaman ini; angka keuangan diisi oleh perencana."),
    }
    return render(request, "entry/money.html", ctx, status=status)


def _page_rows(kind, scope, month, post) -> list[tuple[int, dict]]:
    """The page's inputs for one kind as rows shaped like workbook rows."""
    out = []
    for number, key in enumerate(workbook_export.page_keys(kind, scope), start=1):
        cells = {
            c.header: post.get(f"{kind.slug}|{key}|{c.name}")
            for c in kind.columns
            if c.role in ("value", "version")
        }
        cells[kind.columns[0].header] = key
        cells["Bulan"] = month
        out.append((number, cells))
    return out


HISTORY_MODELS = {
    "output": (OutputRealisation, "item__budget__unit", OUTPUT),
    "pnbp": (RevenueReceipt, "line__unit", RECEIPT),
    "layanan": (ServiceOutput, "kind__unit", SERVICE),
    "realisasi": (MonthlyRealisation, "indicator__goal__agreement__unit", REALISATION),
}


@login_required
def history(request: HttpRequest, code: str, kind: str, pk: int) -> HttpResponse:
    """Who changed a realisation, spending row or receipt, when, from what to what."""
    unit = access.get_unit_for_user(request.user, code)
    if kind not in HISTORY_MODELS:
        raise Http404
    model, unit_path, sheet = HISTORY_MODELS[kind]
    obj = model.objects.filter(pk=pk, **{unit_path: unit}).first()
    if obj is None or (
        isinstance(obj, MonthlyRealisation)
        and not access.can_read_indicator(request.user, obj.indicator, unit)
    ):
        raise Http404("Data tidak ditemukan.")
    rows = perkin_history.history_entries(
        obj.history.select_related("history_user"),
        model=model,
        fields=entry_fields(sheet),
        labels=entry_labels(sheet),
    )
    owner = {
        "output": lambda o: o.item.name,
        "pnbp": lambda o: o.line.name,
        "layanan": lambda o: o.kind.name,
        "realisasi": lambda o: o.indicator.code,
    }[kind](obj)
    title = f"{owner}, {MONTHS[obj.month]} {getattr(obj, 'year', '') or ''}".strip()
    return render(
        request, "entry/history.html", {"unit": unit, "obj": obj, "title": title, "rows": rows}
    )
