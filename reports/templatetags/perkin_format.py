"""Template filters for Indonesian number formatting (see perkin.formatting)."""

from django import template

from perkin import formatting

register = template.Library()


@register.filter
def num(value, decimals=2):
    return formatting.number(value, int(decimals))


@register.filter
def pct(value, decimals=2):
    return formatting.percent(value, int(decimals))


@register.filter
def rp(value):
    return formatting.rupiah(value)


@register.filter
def smart(value):
    return formatting.smart(value)
