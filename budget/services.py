"""Writes and rules of the budget's monthly facts (output spending and physical %, PNBP
receipts, service outputs)."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from budget.models import OutputRealisation, RevenueLine, RevenueReceipt, ServiceOutput
from perkin.formatting import smart
from perkin.models import WorkUnit
from perkin.services import versioned_rows_write

MoneyFact = OutputRealisation | RevenueReceipt | ServiceOutput


def receipt_problem(amount: Decimal, line: RevenueLine, lines: list[RevenueLine]) -> str | None:
    """Only the refund line's rows may be negative, and they are never positive: a refund is
    its own row and never replaces a month's receipt of another line. lines: the unit's
    lines, already loaded (the message names its refund line)."""
    if amount < 0 and not line.is_refund_line:
        refund_lines = sorted((ln for ln in lines if ln.is_refund_line), key=lambda ln: ln.order)
        names = ", ".join(f"'{ln.name}'" for ln in refund_lines)
        if names:
            return _(
                "Jumlah (Rp) tidak boleh negatif untuk '%(line)s'; pengembalian dicatat sebagai "
                "angka negatif pada baris %(refund)s."
            ) % {"line": line.name, "refund": names}
        return _(
            "Jumlah (Rp) tidak boleh negatif untuk '%(line)s'; untuk mencatat pengembalian, "
            "tambahkan jenis PNBP dengan 'Baris pengembalian' = Ya di Pengaturan tahunan."
        ) % {"line": line.name}
    if line.is_refund_line and amount > 0:
        return _(
            "Jumlah (Rp) pada baris pengembalian '%(line)s' diisi sebagai angka negatif atau "
            "nol; yang diisi %(v)s."
        ) % {"line": line.name, "v": smart(amount)}
    return None


@transaction.atomic
def money_rows_write(*, unit: WorkUnit, year: int, rows: list[tuple[MoneyFact, dict]], user) -> int:
    """Writes validated rows of the money page or the workbook import, all or none, each
    with a new version and its history."""
    return versioned_rows_write(unit=unit, year=year, rows=rows, user=user)
