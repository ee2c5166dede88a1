"""Read queries of the agreement's monitoring that pages and services share."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from perkin.calendar import MONTHS, quarter_months
from perkin.models import Indicator, MonthlyRealisation, WorkUnit


@dataclass(frozen=True)
class LockBlocker:
    """A month of an indicator that keeps its quarter from being locked."""

    indicator_code: str
    month: int
    status: str  # a MonthlyRealisation.Status value, or "" when the month is not entered

    @property
    def message(self) -> str:
        label = MonthlyRealisation.Status(self.status).label if self.status else _("belum diisi")
        return f"{self.indicator_code} {MONTHS[self.month]}: {label}"


def quarter_lock_blockers(
    *, unit: WorkUnit, year: int, quarter: int, submitted_count_as_approved: bool = False
) -> list[LockBlocker]:
    """The (indicator, month) pairs of the quarter that are not approved, in indicator and
    month order (two queries). ``submitted_count_as_approved``: the head's approval of the
    quarter's last month approves its submitted rows, so they do not block that approval."""
    indicators = list(
        Indicator.objects.filter(goal__agreement__unit=unit, goal__agreement__year=year)
        .select_related("goal")
        .order_by("-goal__agreement__revision_no", "goal__number", "number")
    )
    months = quarter_months(quarter)
    status = {
        (r.indicator_id, r.month): r.status
        for r in MonthlyRealisation.objects.filter(indicator__in=indicators, month__in=months).only(
            "indicator_id", "month", "status"
        )
    }
    done = {MonthlyRealisation.Status.APPROVED}
    if submitted_count_as_approved:
        done.add(MonthlyRealisation.Status.SUBMITTED)
    return [
        LockBlocker(ind.code, m, status.get((ind.pk, m), ""))
        for ind in indicators
        for m in months
        if status.get((ind.pk, m)) not in done
    ]
