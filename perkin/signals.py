"""Keeps each user's Django group in step with the role of their unit membership."""

from django.contrib.auth.models import Group
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver

from perkin.models import UnitMembership

# Bulk writes (bulk_update_with_history) send no post_save; services announce them here with
# the ids of the units whose facts changed, so caches keyed on a unit's data can be refreshed.
facts_bulk_changed = Signal()
# Sent once the transaction that locked a quarter commits, with unit_id, year and quarter: the
# report side queues the quarter's files, so they are ready before anyone asks.
quarter_locked = Signal()

ROLE_GROUPS = {
    UnitMembership.Role.PLANNER: "Perencana",
    UnitMembership.Role.PIC: "PIC / ketua tim",
    UnitMembership.Role.HEAD: "Kepala unit",
    UnitMembership.Role.REVIEWER: "Reviewer Eselon I",
}


@receiver(post_save, sender=UnitMembership)
def sync_role_group(sender, instance: UnitMembership, **kwargs) -> None:
    groups = Group.objects.filter(name__in=ROLE_GROUPS.values())
    instance.user.groups.remove(*groups)
    group = groups.filter(name=ROLE_GROUPS[instance.role]).first()
    if group is not None:
        instance.user.groups.add(group)


@receiver(post_delete, sender=UnitMembership)
def drop_role_group(sender, instance: UnitMembership, **kwargs) -> None:
    instance.user.groups.remove(*Group.objects.filter(name__in=ROLE_GROUPS.values()))
