"""What changed, in people's words: the one place that turns old and new values into the lines
the history pages and the import previews show ("Realisasi fisik (%): 90 -> 95,5").

Works on any model, and on any django-simple-history model's records: only the fields that
changed, each named by its column header or verbose name, each value formatted the Indonesian
way (48.680.000; 95,5; Ya/Tidak; the choice's label; 31-12-2024).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from perkin.formatting import DASH, number, smart

# Book-keeping fields no reader asks about.
HIDDEN_FIELDS = {"id", "created_at", "updated_at", "updated_by", "version"}


@dataclass(frozen=True)
class Change:
    name: str  # the field's name
    label: str  # its column header or verbose name
    old: str  # formatted; '-' when empty
    new: str


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    action: str  # dibuat | diubah | dihapus
    changes: list[Change]
    reason: str = ""
    record: Any = field(default=None, repr=False)  # the historical record itself


def _model_field(model: type[models.Model] | None, name: str) -> models.Field | None:
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - any unknown name is shown as it is
        return None


def label_of(model: type[models.Model] | None, name: str) -> str:
    """The field's verbose name with a capital first letter, or the name itself."""
    f = _model_field(model, name)
    text = str(getattr(f, "verbose_name", "") or name)
    return text[:1].upper() + text[1:]


def display(value: Any, model_field: models.Field | None = None) -> str:
    """A value as people read it: Indonesian numbers, Ya/Tidak, a choice's label, dd-mm-yyyy."""
    if value is None or value == "":
        return DASH
    if model_field is not None and getattr(model_field, "choices", None):
        labels = {str(k): str(v) for k, v in model_field.flatchoices}
        if str(value) in labels:
            return labels[str(value)]
    if isinstance(value, bool):
        return _("Ya") if value else _("Tidak")
    if isinstance(value, int):
        return number(value, 0)
    if isinstance(value, (Decimal, float)):
        return smart(value)
    if isinstance(value, datetime):
        return (
            timezone.localtime(value).strftime("%d-%m-%Y %H:%M")
            if value.tzinfo
            else (value.strftime("%d-%m-%Y %H:%M"))
        )
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    return str(value)


def same(a: Any, b: Any) -> bool:
    """Equal as a reader would judge: 90 == 90.00, '' == None."""
    if a in (None, "") and b in (None, ""):
        return True
    if isinstance(a, (int, float, Decimal)) and isinstance(b, (int, float, Decimal)):
        if isinstance(a, bool) or isinstance(b, bool):
            return a == b
        return Decimal(str(a)) == Decimal(str(b))
    return a == b


def changes(
    model: type[models.Model] | None,
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    *,
    labels: Mapping[str, str] | None = None,
    fields: Sequence[str] | None = None,
) -> list[Change]:
    """The fields whose value differs between old and new (old missing = empty), in the
    order of `fields` (default: new's keys), labelled by `labels` or the verbose names."""
    labels = labels or {}
    out = []
    for name in fields or list(new):
        before, after = old.get(name), new.get(name)
        if same(before, after):
            continue
        f = _model_field(model, name)
        out.append(
            Change(
                name,
                labels.get(name) or label_of(model, name),
                display(before, f),
                display(after, f),
            )
        )
    return out


def tracked_fields(model: type[models.Model]) -> list[str]:
    """The fields a history shows by default: the model's own values (no keys to other rows,
    no book-keeping)."""
    return [
        f.name
        for f in model._meta.concrete_fields
        if f.name not in HIDDEN_FIELDS and not f.is_relation and not f.primary_key
    ]


ACTIONS = {"+": gettext_lazy("dibuat"), "~": gettext_lazy("diubah"), "-": gettext_lazy("dihapus")}


def history_entries(
    records: Iterable[Any],
    *,
    model: type[models.Model] | None = None,
    fields: Sequence[str] | None = None,
    labels: Mapping[str, str] | None = None,
    limit: int | None = None,
) -> list[HistoryEntry]:
    """django-simple-history records of one or many objects as entries, newest first, each
    with only what changed since the object's record before it (a creation shows the values
    it was created with, a deletion the values it had). Computed in Python from the records
    given: one query however long the history."""
    records = list(records)
    if not records:
        return []
    model = model or records[0].instance_type
    fields = list(fields or tracked_fields(model))
    pk_name = model._meta.pk.attname
    records.sort(key=lambda r: (r.history_date, r.history_id))
    previous: dict[Any, Any] = {}
    entries = []
    for rec in records:
        key = getattr(rec, pk_name)
        prev = previous.get(key)
        now = {name: getattr(rec, name, None) for name in fields}
        if rec.history_type == "-":
            before, after = now, {}
            diff = changes(model, before, {n: None for n in fields}, labels=labels, fields=fields)
        else:
            before = {name: getattr(prev, name, None) for name in fields} if prev else {}
            after = now
            diff = changes(model, before, after, labels=labels, fields=fields)
        previous[key] = rec
        if rec.history_type == "~" and not diff:
            continue  # saved without a change of any shown field
        user = getattr(rec, "history_user", None)
        entries.append(
            HistoryEntry(
                when=rec.history_date,
                who=user.get_username() if user else _("sistem"),
                action=str(ACTIONS.get(rec.history_type, rec.history_type)),
                changes=diff,
                reason=getattr(rec, "history_change_reason", None) or "",
                record=rec,
            )
        )
    entries.reverse()
    return entries[:limit] if limit else entries
