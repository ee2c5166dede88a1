"""Data-version signals for the facts issue 11 added around the report (see
reports.engine.versions for the rule): last year's recorded figures, the organisation chart,
the head's acknowledgements of findings (they change the annex and the DRAF mark) and the
absorption targets, which an echelon-I unit sets for all its units."""

from __future__ import annotations

from django.apps import apps
from django.db.models import F, Model
from django.db.models.signals import post_save, pre_delete

from reports.engine.versions import bump_units

# model label -> the attribute naming the unit whose reports it changes
UNIT_FACTS = {
    "perkin.PriorYearIndicator": "unit_id",
    "perkin.PriorYearTotals": "unit_id",
    "perkin.OrganisationChart": "unit_id",
    "reports.FindingAcknowledgement": "unit_id",
}
# set by a unit for itself and the units under it
ISSUED_FACTS = {"budget.AbsorptionTarget": "issuer_id"}


def _changed(sender, instance: Model, signal=None, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    create = signal is not pre_delete
    label = instance._meta.label
    if label in UNIT_FACTS:
        bump_units(getattr(instance, UNIT_FACTS[label]), create=create)
        return
    issuer = getattr(instance, ISSUED_FACTS[label])
    bump_units(issuer, create=create)
    units = apps.get_model("perkin", "WorkUnit").objects.filter(parent_id=issuer)
    bump_units(units.annotate(uid=F("pk")).values("uid"), create=create)


def connect() -> None:
    for label in [*UNIT_FACTS, *ISSUED_FACTS]:
        model = apps.get_model(label)
        post_save.connect(_changed, sender=model, dispatch_uid=f"dv11-save-{label}")
        pre_delete.connect(_changed, sender=model, dispatch_uid=f"dv11-delete-{label}")
