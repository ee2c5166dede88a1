"""Template filters for Indonesian number formatting (see perkin.formatting). A missing value
('' from a template lookup on nothing, or None) prints '-' instead of failing the page."""

from django import template

from perkin import formatting

register = template.Library()


def _value(value):
    return None if value == "" else value


@register.filter
def num(value, decimals=2):
    return formatting.number(_value(value), int(decimals))


@register.filter
def pct(value, decimals=2):
    return formatting.percent(_value(value), int(decimals))


@register.filter
def rp(value):
    return formatting.rupiah(_value(value))


@register.filter
def smart(value):
    return formatting.smart(_value(value))
