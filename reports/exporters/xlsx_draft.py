"""The DRAF mark and the annex of findings in the workbook: while an error finding is open
every sheet's printed header says DRAF, and a last sheet "Lampiran" lists the open findings,
the acknowledged ones (with reason, who and when) and the warnings (reports.pp39.annex)."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

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
    ws.cell(row=1, column=1, value=annex.title).font = Font(bold=True, size=12)
    row = 3
    sections = [
        ("A", annex.open_errors, False),
        ("B", annex.acknowledged, True),
        ("C", annex.warnings, False),
    ]
    titles = {
        "A": "Temuan kesalahan yang belum diselesaikan",
        "B": "Temuan yang diterima oleh kepala unit kerja",
        "C": "Peringatan",
    }
    for letter, rows, with_reason in sections:
        if not rows:
            continue
        ws.cell(row=row, column=1, value=f"{letter}. {titles[letter]}").font = Font(bold=True)
        row += 1
        head = ["No", "Subjek", "Temuan"] + (["Alasan", "Diterima"] if with_reason else [])
        for c, label in enumerate(head, start=1):
            ws.cell(row=row, column=c, value=label).font = Font(bold=True)
        row += 1
        for r in rows:
            values = [r.number, r.subject, r.message]
            values += [r.reason, r.acknowledged] if with_reason else []
            for c, value in enumerate(values, start=1):
                cell = ws.cell(row=row, column=c, value=value)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            row += 1
        row += 1
    for letter, width in zip("ABCDE", (6, 18, 90, 40, 22), strict=True):
        ws.column_dimensions[letter].width = width
    if annex.is_draft:
        ws.oddHeader.center.text = "DRAF"
