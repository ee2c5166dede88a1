"""Months, quarters and their Indonesian names: the one place the product counts a quarter.

Quarter q (Triwulan q) covers months 3q-2..3q; "sampai Triwulan q" means months 1..3q.
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_lazy as _

MONTH_NAMES = [
    "",
    _("Januari"),
    _("Februari"),
    _("Maret"),
    _("April"),
    _("Mei"),
    _("Juni"),
    _("Juli"),
    _("Agustus"),
    _("September"),
    _("Oktober"),
    _("November"),
    _("Desember"),
]
# Plain Indonesian month names for texts that are Indonesian whatever the user's language
# (the PP 39 report, messages stored in history).
MONTHS = [
    "",
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
MONTH_CHOICES = [(m, MONTH_NAMES[m]) for m in range(1, 13)]
ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
QUARTERS = (1, 2, 3, 4)
QUARTER_CHOICES = [(q, f"Triwulan {ROMAN[q]}") for q in QUARTERS]


def quarter_of(month: int) -> int:
    """The quarter (1..4) a month (1..12) lies in."""
    return (month + 2) // 3


def quarter_months(quarter: int) -> list[int]:
    """The three months of a quarter: [7, 8, 9] for 3."""
    return [3 * quarter - 2, 3 * quarter - 1, 3 * quarter]


def last_month(quarter: int) -> int:
    """The quarter's last month, up to which its report counts."""
    return 3 * quarter


def quarter_end(year: int, quarter: int) -> date:
    """The last day of the quarter."""
    month = 3 * quarter
    return date(year, month, 31 if month in (3, 12) else 30)


def month_label(month: int) -> str:
    """'B07': the action plan's name of a month."""
    return f"B{month:02d}"


def quarter_label(quarter: int) -> str:
    """'Triwulan III'."""
    return f"Triwulan {ROMAN[quarter]}"


def quarter_short(quarter: int) -> str:
    """'TW III'."""
    return f"TW {ROMAN[quarter]}"


def previous_month(year: int, month: int) -> tuple[int, int]:
    return (year, month - 1) if month > 1 else (year - 1, 12)


def next_month(year: int, month: int) -> tuple[int, int]:
    return (year, month + 1) if month < 12 else (year + 1, 1)
