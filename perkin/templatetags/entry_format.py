"""Values for editable inputs: Indonesian decimal comma, no thousands separator."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def input_num(value) -> str:
    """'85,5' for Decimal('85.50'); a string the user typed is returned unchanged."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return value
    d = Decimal(str(value))
    text = (
        format(d.normalize(), "f") if d == d.to_integral() or d.normalize() != d else format(d, "f")
    )
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")
