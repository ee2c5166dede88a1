"""Bulk writes of facts (announced by perkin's services) raise the units' data versions too."""

from django.dispatch import receiver

from perkin.signals import facts_bulk_changed
from reports.signals import bump_units


@receiver(facts_bulk_changed, dispatch_uid="dv-bulk")
def bulk_facts_changed(sender, unit_ids, **kwargs) -> None:
    for unit_id in unit_ids:
        bump_units(unit_id)
