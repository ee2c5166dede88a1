"""Writes and rules of the budget's monthly facts (output spending and physical %, PNBP
receipts, service outputs)."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from budget.models import OutputRealisation, RevenueReceipt, ServiceOutput
from perkin.models import WorkUnit
from perkin.services import versioned_rows_write

MoneyFact = OutputRealisation | RevenueReceipt | ServiceOutput


def receipt_problem(amount: Decimal, is_refund: bool) -> str | None:
    """Only a refund may be negative, and a refund is never positive."""
    if amount < 0 and not is_refund:
        return _("Jumlah negatif hanya untuk pengembalian (kolom Pengembalian = Ya).")
    if is_refund and amount > 0:
        return _("Pengembalian diisi sebagai angka negatif atau nol.")
    return None


@transaction.atomic
def money_rows_write(*, unit: WorkUnit, year: int, rows: list[tuple[MoneyFact, dict]], user) -> int:
    """Writes validated rows of the money page or the workbook import, all or none, each
    with a new version and its history."""
    return versioned_rows_write(unit=unit, year=year, rows=rows, user=user)
