"""The annual setup workbook: download (protected ID column, drop-downs for coded columns and
references, Ya/Tidak, number limits, A4 print settings), import with a preview, and apply.

``?dari=2024`` downloads last year's setup without the IDs of its yearly rows, ready to start
the year on the page: every such row is imported as a new row.
"""

from __future__ import annotations

import io

import openpyxl
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from budget.models import BudgetItem, RevenueLine
from perkin import access
from perkin.access import Action
from perkin.entry import setup_tables as setup
from perkin.entry.kinds import NO, YES, field_range
from perkin.entry.setup_columns import (
    ID,
    INSTRUCTIONS,
    LISTS,
    UNIT_TABLES,
    YEAR_LABEL,
    SetupColumn,
    cell_value,
    columns_for,
    workbook_tables,
)
from perkin.entry.setup_import import SetupWriteError, apply_setup_rows, plan_setup
from perkin.entry.workbook_export import print_setup
from perkin.entry.workbook_files import (
    ACCEPT,
    XLSX_TYPE,
    Upload,
    check_file,
    forget_upload,
    read_workbook,
    stash_upload,
    unstash_upload,
)
from perkin.entry.workbook_import import RowError
from perkin.formatting import smart
from perkin.locks import hold_unit
from perkin.models import Goal, Team, WorkUnit
from perkin.spreadsheet import append, fit_row_heights, put

SESSION_KEY = "perkin-setup-imports"
EMPTY_ROWS = 200  # unlocked rows under the data where new rows may be typed
GREY = PatternFill("solid", fgColor="DDDDDD")
NUMBER_FORMATS = {"int": "0", "date": "dd-mm-yyyy"}


def _decimal_format(column: SetupColumn) -> str:
    return "#,##0" if column.field.decimal_places == 0 else "#,##0.####"


def _reference_lists(unit: WorkUnit, year: int, source_year: int) -> dict[type, list]:
    """The codes a reference column may take, for the drop-downs of the 'Daftar' sheet."""
    ctx = setup.Context(unit=unit, year=source_year)
    agreement = unit.agreements.filter(year=source_year).order_by("-revision_no").first()
    return {
        Goal: [g.number for g in agreement.goals.order_by("number")] if agreement else [],
        BudgetItem: [i.full_code for i in setup._year_items(ctx).order_by("order", "full_code")],
        RevenueLine: [ln.code for ln in RevenueLine.objects.filter(unit=unit).order_by("order")],
        Team: [t.name for t in unit.teams.order_by("name")],
    }


def _validation(column: SetupColumn, lists: dict[str, str]) -> DataValidation | None:
    """A drop-down for choices, Ya/Tidak and references; number limits for numbers."""
    if column.kind == "choice":
        dv = DataValidation(
            type="list", formula1=lists[column.name], allow_blank=column.field.blank
        )
        dv.error = _("Pilih dari daftar.")
    elif column.kind == "bool":
        dv = DataValidation(type="list", formula1=f'"{YES},{NO}"', allow_blank=True)
        dv.error = _("Isi 'Ya' atau 'Tidak'.")
    elif column.kind == "ref":
        # a warning only: the code may be of a row added further up in this same file
        dv = DataValidation(type="list", formula1=lists[column.name], allow_blank=True)
        dv.errorStyle = "warning"
        dv.error = _("Kode ini belum ada; lanjutkan bila barisnya ditambahkan di berkas ini.")
    elif column.kind in ("int", "decimal"):
        low, high = field_range(column.field)
        if low is None or high is None:
            return None
        dv = DataValidation(
            type="whole" if column.kind == "int" else "decimal",
            operator="between",
            formula1=format(low.normalize(), "f"),
            formula2=format(high.normalize(), "f"),
            allow_blank=True,
        )
        dv.error = _("%(c)s harus antara %(low)s dan %(high)s.") % {
            "c": column.header,
            "low": smart(low),
            "high": smart(high),
        }
    else:
        return None
    dv.errorTitle = _("Isian ditolak")
    dv.showErrorMessage = True
    return dv


def build_setup_workbook(unit: WorkUnit, year: int, *, source_year: int | None = None) -> bytes:
    """The unit's annual setup of `year` (or of `source_year` without its yearly rows' IDs,
    to start `year` from it) as a workbook prepared for entry."""
    source_year = source_year or year
    starting = source_year != year
    wb = openpyxl.Workbook()
    info = wb.active
    info.title = INSTRUCTIONS
    lines = [
        (_("Pengaturan tahunan"), unit.display_name),
        (YEAR_LABEL, year),
        (),
        (_("Cara mengisi:"),),
        (
            _(
                "1. Kolom ID (abu-abu) terkunci: baris dengan ID mengubah baris itu; baris tanpa "
                "ID ditambahkan sebagai baris baru. Ketik baris baru di bawah data."
            ),
        ),
        (
            _(
                "2. Referensi ditulis dengan kodenya: nomor sasaran, kode butir anggaran lengkap "
                "(6077.AEC), kode jenis PNBP, nama tim; pilihan dari daftar. Ya/Tidak untuk "
                "kolom ya-tidak. Angka boleh ditulis 1.234.000 atau 95,5."
            ),
        ),
        (
            _(
                "3. Unggah kembali di Perkin (Pengaturan tahunan > Impor) sebagai .xlsx atau .ods. "
                "Anda melihat pratinjau (baris baru, baris berubah dengan nilai lama dan baru); "
                "tidak ada yang tersimpan sebelum Anda menekan Terapkan. Satu baris salah: tidak "
                "ada yang diimpor."
            ),
        ),
        (_("4. Menghapus baris dilakukan di halaman pengaturan, bukan lewat berkas ini."),),
    ]
    if starting:
        lines.append(
            (
                _(
                    "Berkas ini berisi pengaturan %(src)s sebagai awal %(year)s: sasaran, "
                    "indikator, butir anggaran, revisi dan target PNBP tanpa ID (menjadi baris "
                    "baru tahun %(year)s). Sesuaikan target dan revisi sebelum mengunggah."
                )
                % {"src": source_year, "year": year},
            )
        )
    lines.append(())
    lines.append((_("Diunduh %(t)s.") % {"t": f"{timezone.localtime():%d-%m-%Y %H:%M}"},))
    for r, values in enumerate(lines, start=1):
        for c, value in enumerate(values, start=1):
            cell = put(info, r, c, value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    info["A1"].font = Font(bold=True, size=13)
    info["A2"].font = Font(bold=True)
    info.column_dimensions["A"].width = 55
    info.column_dimensions["B"].width = 20
    fit_row_heights(info)
    print_setup(info, landscape=False)

    lists_ws = wb.create_sheet(LISTS)
    lists_ws.sheet_state = "hidden"
    refs = _reference_lists(unit, year, source_year)
    ctx = setup.Context(unit=unit, year=source_year)
    list_column = 0

    def list_range(values: list) -> str:
        nonlocal list_column
        list_column += 1
        letter = get_column_letter(list_column)
        for i, value in enumerate(values or [""], start=1):
            put(lists_ws, i, list_column, value)
        return f"{quote_sheetname(LISTS)}!${letter}$1:${letter}${max(len(values), 1)}"

    for table in workbook_tables():
        columns = columns_for(table)
        ws = wb.create_sheet(table.slug)
        append(ws, [ID] + [c.header for c in columns])
        keep_ids = not starting or table.slug in UNIT_TABLES
        for obj in table.queryset(ctx):
            append(ws, [obj.pk if keep_ids else None] + [cell_value(c, obj) for c in columns])
        last = ws.max_row + EMPTY_ROWS
        ws.freeze_panes = "B2"
        lists = {
            c.name: list_range(
                [label for _code, label in c.choices]
                if c.kind == "choice"
                else refs.get(c.field.related_model, [])
            )
            for c in columns
            if c.kind in ("choice", "ref")
        }
        for c in ws[1]:
            c.font = Font(bold=True)
            c.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions["A"].width = 8
        for r in range(2, last + 1):
            id_cell = ws.cell(row=r, column=1)
            id_cell.protection = Protection(locked=True)
            id_cell.fill = GREY
        for i, column in enumerate(columns, start=2):
            letter = get_column_letter(i)
            wide = column.kind == "text" and (column.field.max_length or 1000) > 100
            ws.column_dimensions[letter].width = 40 if wide else 18
            fmt = (
                _decimal_format(column)
                if column.kind == "decimal"
                else NUMBER_FORMATS.get(column.kind)
            )
            for r in range(2, last + 1):
                cell = ws.cell(row=r, column=i)
                cell.protection = Protection(locked=False)
                if fmt:
                    cell.number_format = fmt
                if wide:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
            dv = _validation(column, lists)
            if dv is not None:
                ws.add_data_validation(dv)
                dv.add(f"{letter}2:{letter}{last}")
        ws.protection.sheet = True
        for action in ("formatColumns", "formatRows", "insertRows", "sort", "autoFilter"):
            setattr(ws.protection, action, False)
        ws.print_title_rows = "1:1"
        fit_row_heights(ws)
        print_setup(ws, landscape=True)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@login_required
def setup_download(request: HttpRequest, code: str, year: int) -> HttpResponse:
    unit = access.unit_for(request.user, code, Action.EDIT_SETUP)
    source = request.GET.get("dari", "")
    source_year = int(source) if source.isdigit() and 2000 <= int(source) <= 2100 else year
    content = build_setup_workbook(unit, year, source_year=source_year)
    name = f"pengaturan-{unit.code.lower()}-{year}"
    if source_year != year:
        name += f"-dari-{source_year}"
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


def _render(request, unit, year, *, plan=None, errors=(), token=None, status=200):
    ctx = {
        "unit": unit,
        "year": year,
        "plan": plan,
        "errors": list(errors) or (plan.errors if plan else []),
        "token": token,
        "accept": ACCEPT,
        "previous_year": year - 1,
        "nothing_changed": plan is not None and not plan.errors and not plan.rows,
    }
    return render(request, "entry/setup_import.html", ctx, status=status)


@login_required
def setup_import(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """Upload the annual setup workbook: errors (sheet, row, column, message), 'nothing
    changed', or a preview of the new and changed rows to apply."""
    unit = access.unit_for(request.user, code, Action.EDIT_SETUP)
    if request.method != "POST":
        return _render(request, unit, year)
    upload = request.FILES.get("file")
    problem = (
        _("Pilih berkas Excel (.xlsx) atau LibreOffice (.ods).")
        if upload is None
        else check_file(upload.name, upload.size, upload.read(4))
    )
    if problem:
        return _render(request, unit, year, errors=[RowError("", None, "", problem)], status=400)
    upload.seek(0)
    received = Upload(upload.name, upload.read())
    sheets = read_workbook(received.content, received.name)
    if isinstance(sheets, str):
        return _render(request, unit, year, errors=[RowError("", None, "", sheets)], status=400)
    plan = plan_setup(sheets, unit=unit, year=year)
    if plan.errors:
        return _render(request, unit, year, plan=plan, status=400)
    token = stash_upload(request, SESSION_KEY, unit, year, received) if plan.rows else None
    if token:  # the tables as previewed: applying after someone else changed them is refused
        request.session[f"{SESSION_KEY}-state-{token}"] = setup_state(unit, year)
    return _render(request, unit, year, plan=plan, token=token)


def setup_state(unit, year: int) -> str:
    """A fingerprint of every table of the setup workbook as it is now."""
    ctx = setup.Context(unit=unit, year=year)
    return "|".join(setup.table_state(t, ctx) for t in setup.TABLES if t.in_annual_workbook)


@login_required
@require_POST
def setup_apply(request: HttpRequest, code: str, year: int) -> HttpResponse:
    unit = access.unit_for(request.user, code, Action.EDIT_SETUP)
    token = request.POST.get("token", "")
    received, stashed_year = unstash_upload(request, SESSION_KEY, token, unit)
    sheets = read_workbook(received.content, received.name)
    if isinstance(sheets, str):  # pragma: no cover - it was read at the preview
        return _render(request, unit, year, errors=[RowError("", None, "", sheets)], status=400)
    previewed = request.session.get(f"{SESSION_KEY}-state-{token}")
    try:
        with transaction.atomic():
            hold_unit(unit.pk)  # planned and written while no other write of the unit runs
            if previewed is not None and previewed != setup_state(unit, stashed_year):
                raise SetupWriteError(
                    RowError(
                        "",
                        None,
                        "",
                        _(
                            "Pengaturan telah diubah orang lain sejak pratinjau; tidak ada yang "
                            "diimpor. Unggah ulang berkas untuk melihat perubahan terbaru."
                        ),
                    )
                )
            plan = plan_setup(sheets, unit=unit, year=stashed_year)
            if plan.errors:
                transaction.set_rollback(True)
                return _render(request, unit, stashed_year, plan=plan, status=409)
            created, changed = apply_setup_rows(unit=unit, year=stashed_year, rows=plan.rows)
    except SetupWriteError as exc:
        return _render(request, unit, stashed_year, errors=[exc.error], status=409)
    forget_upload(request, SESSION_KEY, token)
    if created or changed:
        messages.success(
            request,
            _("Pengaturan tahunan diimpor: %(new)s baris baru, %(changed)s baris diubah.")
            % {"new": created, "changed": changed},
        )
    else:
        messages.info(request, _("Tidak ada perubahan: berkas sama dengan data tersimpan."))
    return redirect("entry:setup_index", code=unit.code, year=stashed_year)
