"""Numbers in Indonesian messages carry the decimal comma."""

from decimal import Decimal

from perkin.entry.forms import RealisationForm
from perkin.rules import allocations_problem, cumulative_violation


def test_an_out_of_range_percentage_is_quoted_with_a_decimal_comma():
    form = RealisationForm(data={"r-physical_pct": "150,5"}, prefix="r")
    assert not form.is_valid()
    assert form.errors["physical_pct"] == [
        "Realisasi fisik (%) harus antara 0 dan 100; yang diisi 150,5."
    ]


def test_a_cumulative_violation_quotes_months_with_a_decimal_comma():
    violation = cumulative_violation("I.1", 4, Decimal("8"), {3: Decimal("10")})
    assert "I.1 April (8,00) lebih rendah dari Maret (10,00)" in violation.message


def test_the_allocation_message_has_no_stray_full_stop():
    message = allocations_problem("DIPA awal", Decimal("4909090908"), Decimal("5000000000"))
    assert message == (
        "Alokasi DIPA awal berjumlah Rp 4.909.090.908, sedangkan pagu yang dinyatakan "
        "Rp 5.000.000.000; selisih Rp 90.909.092."
    )
