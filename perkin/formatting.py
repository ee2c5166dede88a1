"""Indonesian number formatting: '.' for thousands, ',' for decimals (20.535.869.000; 123,33%)."""

from decimal import ROUND_HALF_UP, Decimal

DASH = "-"


def number(value: Decimal | int | float | None, decimals: int = 2) -> str:
    """Formats value with Indonesian separators; '-' when missing."""
    if value is None:
        return DASH
    d = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    sign = "-" if d < 0 else ""
    text = f"{abs(d):,.{decimals}f}"  # 1,234.56
    text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return sign + text


def percent(value: Decimal | None, decimals: int = 2) -> str:
    """'123,33%'; '-' when missing."""
    return DASH if value is None else number(value, decimals) + "%"


def rupiah(value: Decimal | int | None, prefix: bool = True) -> str:
    """'Rp 20.535.869.000' (whole rupiah); '-' when missing."""
    if value is None:
        return DASH
    text = number(value, 0)
    return f"Rp {text}" if prefix else text


def smart(value: Decimal | int | None) -> str:
    """A value with only the decimals it has, at most two ('8', '3,66', '6,6')."""
    if value is None:
        return DASH
    d = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    for decimals in (0, 1):
        if d == d.quantize(Decimal(1).scaleb(-decimals)):
            return number(d, decimals)
    return number(d, 2)


def pct_text(value: Decimal) -> str:
    """'80,00' for Decimal('80'): two decimals with the Indonesian decimal comma, for messages."""
    return number(value, 2)


def rupiah_text(value: Decimal | int) -> str:
    """'Rp 4.909.090.908' for messages (no trailing separator)."""
    return rupiah(value)
