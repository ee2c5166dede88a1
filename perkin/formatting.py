"""Indonesian number formatting: '.' for thousands, ',' for decimals (20.535.869.000; 123,33%)."""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

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


class NumberParseError(ValueError):
    """Text that is not a number in any way a person would type one."""


_PLAIN = re.compile(r"^[+-]?\d+(\.\d+)?$")
_DOT_THOUSANDS = re.compile(r"^[+-]?[1-9]\d{0,2}(\.\d{3})+$")  # 1.234 / 1.234.000
_COMMA_THOUSANDS = re.compile(r"^[+-]?[1-9]\d{0,2}(,\d{3}){2,}$")  # 1,234,567 (English)


def parse_number(value: str | int | float | Decimal) -> Decimal:
    """The number a person typed, read the Indonesian way: '95,5%' -> 95.5, '95,5' -> 95.5,
    '100%' -> 100, '1.234.000' -> 1234000, 'Rp 1.234.000' -> 1234000, '1.234,5' -> 1234.5.

    A '%' suffix only marks the number as a percentage: the number before it is returned as
    it is, never divided by 100. A single '.' followed by exactly three digits is a thousands
    separator ('1.234' -> 1234), as in Indonesian; '95.5' (not three digits) is a decimal point.
    When both separators appear the last one is the decimal mark ('1,234.5' -> 1234.5).
    Raises NumberParseError for anything else (text, dates, NaN, infinity, exponents)."""
    if isinstance(value, bool):
        raise NumberParseError(str(value))
    if isinstance(value, (int, float, Decimal)):
        try:
            number_ = Decimal(str(value))
        except InvalidOperation:
            raise NumberParseError(str(value)) from None
        if not number_.is_finite():
            raise NumberParseError(str(value))
        return number_
    text = str(value).strip().replace("\u00a0", "").replace(" ", "")
    if text.lower().startswith("rp"):
        text = text[2:].lstrip(".")
    text = text.removesuffix("%")
    if "." in text and "," in text:
        decimal_mark = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        text = text.replace(thousands, "").replace(decimal_mark, ".")
    elif "," in text:
        text = text.replace(",", "") if _COMMA_THOUSANDS.match(text) else text.replace(",", ".")
    elif _DOT_THOUSANDS.match(text):
        text = text.replace(".", "")
    if not _PLAIN.match(text):
        raise NumberParseError(str(value))
    return Decimal(text)
