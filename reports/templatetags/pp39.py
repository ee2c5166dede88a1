"""Template filters of the PP 39 report templates (templates/reports/pp39/)."""

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import normalize_newlines
from django.utils.translation import gettext as _

from perkin.calendar import ROMAN

register = template.Library()


@register.filter
def paras(value: str | None, placeholder: str = "") -> SafeString:
    """A staff text as paragraphs (blank lines) and line breaks; lines starting with '-' or
    '•' stay on their own line. An empty text prints the placeholder, marked as missing."""
    text = normalize_newlines(value or "").strip()
    if not text:
        if not placeholder:
            return mark_safe("")
        return format_html('<p class="missing">{}</p>', placeholder)
    out = []
    for para in text.split("\n\n"):
        para = para.strip()
        if para:
            out.append("<p>" + escape(para).replace("\n", "<br>") + "</p>")
    return mark_safe("\n".join(out))


@register.filter
def missing(value: str | None) -> SafeString:
    """paras() with the standard 'not written yet' placeholder."""
    return paras(value, _("Belum diisi."))


@register.filter
def width(value: float) -> str:
    """A column width for CSS, never localised ('7.400%')."""
    return f"{float(value):.3f}%"


@register.filter
def roman(value: int) -> str:
    """3 -> 'III'."""
    return ROMAN[int(value)]


@register.filter
def get_item(mapping: dict, key):
    """mapping[key], or None (a dictionary lookup with a variable key)."""
    return mapping.get(key) if mapping else None
