"""What a page saw when it was opened: a fingerprint of the rows it shows (ids and change
times). The page posts it back; a save is refused when the rows have changed since (someone
else saved, added or deleted one), so nobody overwrites what they never saw."""

from __future__ import annotations

import hashlib

from django.db.models import QuerySet


def fingerprint(*querysets: QuerySet) -> str:
    """16 hex digits that change whenever a row of the querysets is added, changed or
    deleted (every row model has ``updated_at``)."""
    digest = hashlib.sha256()
    for queryset in querysets:
        digest.update(queryset.model._meta.label.encode())
        for pk, updated in queryset.order_by("pk").values_list("pk", "updated_at"):
            digest.update(f"{pk}:{updated.isoformat() if updated else ''};".encode())
    return digest.hexdigest()[:16]
