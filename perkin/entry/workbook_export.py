"""The month (or year) as an Excel workbook prepared for entry: an instructions sheet, one
sheet per kind of fact, key columns locked, drop-downs and number formats, frozen headers."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation

from perkin import access
from perkin.entry.kinds import (
    NO,
    OUTPUT,
    REALISATION,
    RECEIPT,
    SERVICE,
    YES,
    Column,
    Kind,
    Scope,
    load_scope,
)
from perkin.entry.workbook_import import INSTRUCTIONS, kinds_for
from perkin.formatting import smart
from perkin.models import WorkUnit
from perkin.services import MONTHS
from perkin.spreadsheet import append, fit_row_heights, put


def _export_rows(kind: Kind, scope: Scope, months: list[int], user) -> list[list]:
    rows = []
    if kind is REALISATION:
        for ind in scope.indicators.values():
            if not access.can_edit_indicator(user, ind, scope.unit):
                continue
            for m in months:
                r = scope.realisations.get((ind.pk, m))
                step = scope.plan.get((ind.pk, m))
                rows.append(
                    [
                        ind.code,
                        m,
                        ind.name,
                        step.interim_target_pct if step else None,
                        step.planned_activities if step else "",
                        r.physical_pct if r else None,
                        r.activities_done if r else "",
                        r.value_to_date if r else None,
                        r.version if r else 0,
                    ]
                )
    elif kind is OUTPUT:
        for code, item in scope.outputs.items():
            if item.level != "kro":
                continue
            for m in months:
                o = scope.output_rows.get((item.pk, m))
                rows.append(
                    [
                        code,
                        m,
                        item.name,
                        o.spent if o else None,
                        o.physical_pct if o else None,
                        o.version if o else 0,
                    ]
                )
    elif kind is RECEIPT:
        for code, line in scope.lines.items():
            for m in months:
                r = scope.receipts.get((line.pk, m))
                rows.append(
                    [
                        code,
                        m,
                        line.name,
                        r.amount if r else None,
                        YES if line.is_refund_line else NO,
                        r.version if r else 0,
                    ]
                )
    elif kind is SERVICE:
        for code, k in scope.service_kinds.items():
            for m in months:
                o = scope.services.get((k.pk, m))
                rows.append(
                    [
                        code,
                        m,
                        k.name,
                        k.unit_of_measure,
                        o.count if o else None,
                        o.version if o else 0,
                    ]
                )
    return rows


INSTRUCTIONS_WIDTH = 70  # characters: one portrait A4 page wide in Excel and LibreOffice


def print_setup(ws, *, landscape: bool) -> None:
    """A4, all columns on one page width (the flag that makes Excel and LibreOffice apply the
    fit), as many pages down as needed, page numbers in the footer."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE if landscape else ws.ORIENTATION_PORTRAIT
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.center.text = "Halaman &P dari &N"


def _bound(value: Decimal) -> str:
    return format(value.normalize(), "f")


def validation_for(col: Column) -> DataValidation | None:
    """The spreadsheet's own check of an entered column: a drop-down for a coded column, a
    number between the column's limits (the database's range at most) for a number column."""
    if col.choices:
        dv = DataValidation(
            type="list", formula1='"' + ",".join(col.choices) + '"', allow_blank=True
        )
        dv.error = _("%(col)s: pilih salah satu dari %(c)s.") % {
            "col": col.header,
            "c": ", ".join(col.choices),
        }
    elif col.type in ("decimal", "int") and col.minimum is not None and col.maximum is not None:
        dv = DataValidation(
            type="decimal" if col.type == "decimal" else "whole",
            operator="between",
            formula1=_bound(col.minimum),
            formula2=_bound(col.maximum),
            allow_blank=True,
        )
        dv.error = _("%(col)s harus %(kind)s antara %(low)s dan %(high)s.") % {
            "col": col.header,
            "kind": _("angka") if col.type == "decimal" else _("bilangan bulat"),
            "low": smart(col.minimum),
            "high": smart(col.maximum),
        }
    else:
        return None
    dv.errorTitle = _("Isian ditolak")
    dv.showErrorMessage = True
    return dv


def export_workbook(unit: WorkUnit, year: int, months: list[int], user) -> bytes:
    scope = load_scope(unit, year)
    wb = openpyxl.Workbook()
    info = wb.active
    info.title = INSTRUCTIONS
    period = MONTHS[months[0]] if len(months) == 1 else f"{MONTHS[months[0]]}-{MONTHS[months[-1]]}"
    lines = [
        f"Lembar isian {unit.display_name}, {period} {year}",
        "",
        "Cara mengisi:",
        "1. Isi hanya kolom berlatar putih. Kolom abu-abu (kode, bulan, uraian, versi) terkunci dan "
        "tidak boleh diubah; baris dikenali dari kode dan bulannya.",
        "2. Angka desimal boleh ditulis dengan koma (85,5) dan ribuan dengan titik (1.234.000). "
        "Persentase diisi 0 sampai 100; tanda % boleh dipakai (95,5% dibaca 95,5).",
        "3. Realisasi fisik bersifat kumulatif: tidak boleh turun dari bulan sebelumnya.",
        "4. PNBP: pengembalian diisi sebagai angka negatif pada baris pengembalian (kolom "
        "Pengembalian = Ya); baris lain tidak boleh negatif.",
        "5. Jangan menambah lembar atau kolom. Baris kosong diabaikan.",
        "6. Unggah kembali berkas ini di Perkin (menu Impor Excel), sebagai .xlsx atau .ods "
        "(LibreOffice). Anda akan melihat pratinjau "
        "perubahan; tidak ada yang tersimpan sebelum Anda menekan Terapkan. Bila ada satu baris "
        "yang salah, tidak ada yang diimpor dan daftar kesalahan (lembar, baris, kolom) ditampilkan.",
        "7. Bulan pada triwulan yang sudah dikunci tidak dapat diubah.",
        "",
        f"Diunduh {timezone.localtime():%d-%m-%Y %H:%M} oleh {user.get_username()}.",
    ]
    for i, text in enumerate(lines, start=1):
        put(info, i, 1, text).alignment = Alignment(wrap_text=True, vertical="top")
    info.column_dimensions["A"].width = INSTRUCTIONS_WIDTH
    info["A1"].font = Font(bold=True, size=13)
    fit_row_heights(info)
    print_setup(info, landscape=False)
    grey = PatternFill("solid", fgColor="DDDDDD")
    for kind in kinds_for(user, unit):
        ws = wb.create_sheet(kind.sheet)
        append(ws, kind.headers)
        for row in _export_rows(kind, scope, months, user):
            append(ws, [float(v) if isinstance(v, Decimal) else v for v in row])
        ws.freeze_panes = "A2"
        last = ws.max_row
        for idx, col in enumerate(kind.columns, start=1):
            letter = openpyxl.utils.get_column_letter(idx)
            ws.column_dimensions[letter].width = col.width
            header = ws.cell(row=1, column=idx)
            header.font = Font(bold=True)
            header.alignment = Alignment(wrap_text=True, vertical="top")
            editable = col.role == "value"
            for r in range(2, last + 1):
                cell = ws.cell(row=r, column=idx)
                cell.protection = Protection(locked=not editable)
                if not editable:
                    cell.fill = grey
                if col.number_format:
                    cell.number_format = col.number_format
                if col.type == "text" and col.width >= 30:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
            if editable and last >= 2:
                dv = validation_for(col)
                if dv is not None:
                    ws.add_data_validation(dv)
                    dv.add(f"{letter}2:{letter}{last}")
        ws.protection.sheet = True
        ws.protection.formatColumns = False
        ws.protection.formatRows = False
        ws.print_title_rows = "1:1"
        fit_row_heights(ws)
        print_setup(ws, landscape=True)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def page_keys(kind: Kind, scope: Scope) -> list[str]:
    if kind is OUTPUT:
        return [code for code, item in scope.outputs.items() if item.level == "kro"]
    if kind is RECEIPT:
        return list(scope.lines)
    if kind is SERVICE:
        return list(scope.service_kinds)
    return [code for code in scope.indicators]


def page_rows(scope: Scope, month: int) -> dict[str, list[dict]]:
    """The month's money facts for the entry page, one list per kind."""
    out: dict[str, list[dict]] = {"output": [], "pnbp": [], "layanan": []}
    for code in page_keys(OUTPUT, scope):
        item = scope.outputs[code]
        o = scope.output_rows.get((item.pk, month))
        out["output"].append(
            {
                "key": code,
                "name": item.name,
                "obj": o,
                "spent": o.spent if o else None,
                "physical_pct": o.physical_pct if o else None,
                "version": o.version if o else 0,
            }
        )
    for code in page_keys(RECEIPT, scope):
        line = scope.lines[code]
        r = scope.receipts.get((line.pk, month))
        out["pnbp"].append(
            {
                "key": code,
                "name": line.name,
                "obj": r,
                "amount": r.amount if r else None,
                "is_refund": line.is_refund_line,
                "version": r.version if r else 0,
            }
        )
    for code in page_keys(SERVICE, scope):
        k = scope.service_kinds[code]
        o = scope.services.get((k.pk, month))
        out["layanan"].append(
            {
                "key": code,
                "name": k.name,
                "unit_of_measure": k.unit_of_measure,
                "obj": o,
                "count": o.count if o else None,
                "version": o.version if o else 0,
            }
        )
    return out
