"""Values for editable inputs: Indonesian decimal comma; whole-rupiah amounts with thousands
dots (1.234.000), which the one number parser reads back."""

from decimal import Decimal

from django import template

from perkin.formatting import number

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


@register.filter
def input_rp(value) -> str:
    """'48.680.000' for a whole-rupiah amount in an input, as the target and DIPA grids show
    one (the one number parser reads it back); a string the user typed is returned unchanged."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return value
    return number(value, 0)


@register.filter
def shown(bound_field) -> str:
    """A form field's value as a reader sees it on a read-only page: a choice's label ('DIPA
    awal', not 'initial'), a row's name instead of its id, Indonesian numbers and dates,
    'Ya'/'Tidak' for a tick box; '' when empty."""
    from django import forms
    from django.utils.formats import date_format
    from django.utils.translation import gettext

    from perkin.formatting import smart

    field = bound_field.field
    value = bound_field.value()
    if value is None or value == "":
        return ""
    if isinstance(field, forms.BooleanField):
        return gettext("Ya") if value else gettext("Tidak")
    if isinstance(field, forms.ModelChoiceField):
        obj = field.queryset.filter(pk=value).first()
        return str(obj) if obj is not None else ""
    if isinstance(field, forms.ChoiceField):
        labels = {str(k): v for k, v in field.choices}
        return str(labels.get(str(value), value))
    if isinstance(field, forms.DecimalField | forms.IntegerField) and not isinstance(value, str):
        return smart(value)
    if hasattr(value, "year") and hasattr(value, "day"):
        return date_format(value, "j F Y")
    return str(value)
