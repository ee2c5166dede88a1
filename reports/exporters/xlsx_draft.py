"""The DRAF mark and the annex of findings in the workbook: while an error finding is open
every sheet's printed header says DRAF, and a last sheet "Lampiran" lists the open findings,
the acknowledged ones (with reason, who and when) and the warnings (reports.pp39.annex)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from perkin.spreadsheet import fit_row_heights, print_a4, put
from reports.pp39.annex import Annex

RED = Font(bold=True, color="B3261E")


def add_draft_and_annex(wb: Workbook, annex: Annex | None) -> None:
    if annex is None:
        return
    if annex.is_draft:
        for ws in wb.worksheets:
            ws.oddHeader.center.text = "DRAF"
            ws.oddHeader.center.color = "B3261E"
        wb.worksheets[0].cell(row=1, column=4, value=annex.draft_line).font = RED
    ws = wb.create_sheet("Lampiran")
    put(ws, 1, 1, annex.title).font = Font(bold=True, size=12)
    for c, label in enumerate(
        ["No", _("Subjek"), _("Temuan"), _("Alasan"), _("Diterima")], start=1
    ):
        put(ws, 3, c, label).font = Font(bold=True)  # one header, repeated on every page
    row = 4
    for section in annex.sections:
        put(ws, row, 1, section.title).font = Font(bold=True)
        row += 1
        if not section.rows:
            put(ws, row, 2, _("Tidak ada."))
            row += 1
        for r in section.rows:
            values = [r.number, r.subject, r.message]
            values += [r.reason, r.acknowledged] if section.with_reason else []
            for c, value in enumerate(values, start=1):
                cell = put(ws, row, c, value)  # staff texts stay text, never a formula
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            row += 1
    for letter, width in zip("ABCDE", (6, 18, 90, 40, 22), strict=True):
        ws.column_dimensions[letter].width = width
    fit_row_heights(ws)
    print_a4(ws, landscape=True)
    ws.print_title_rows = "3:3"
    if annex.is_draft:
        ws.oddHeader.center.text = "DRAF"
