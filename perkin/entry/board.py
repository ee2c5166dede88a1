"""The quarter's status board: for each indicator and month whether it is entered, submitted,
returned or approved, how many money facts each month has, the deadline, and what still keeps
the quarter from being locked. A fixed number of queries whatever the number of indicators."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from budget.models import (
    BudgetItem,
    OutputRealisation,
    RevenueLine,
    RevenueReceipt,
    ServiceKind,
    ServiceOutput,
)
from perkin.calendar import MONTH_NAMES, quarter_months
from perkin.entry.deadlines import Deadline, deadline_for
from perkin.models import Indicator, MonthlyRealisation, QuarterLock, WorkUnit
from perkin.selectors import LockBlocker, quarter_lock_blockers

Status = MonthlyRealisation.Status
STATUS_ORDER = ("", Status.DRAFT, Status.RETURNED, Status.SUBMITTED, Status.APPROVED)


@dataclass(frozen=True)
class Cell:
    month: int
    status: str  # a Status value, '' when not entered
    url: str
    updated_by: str = ""

    @property
    def label(self) -> str:
        return str(Status(self.status).label) if self.status else ""


@dataclass
class BoardRow:
    indicator: Indicator
    cells: list[Cell]


@dataclass(frozen=True)
class MoneyCount:
    label: str
    entered: int
    expected: int
    url: str

    @property
    def complete(self) -> bool:
        return self.expected > 0 and self.entered >= self.expected


@dataclass
class MonthSummary:
    month: int
    counts: dict[str, int]
    money: list[MoneyCount]
    entry_url: str
    money_url: str

    @property
    def name(self) -> str:
        return MONTH_NAMES[self.month]


@dataclass
class Board:
    unit: WorkUnit
    year: int
    quarter: int
    months: list[int]
    rows: list[BoardRow]
    summaries: list[MonthSummary]
    deadline: Deadline
    lock: QuarterLock | None
    blockers: list[LockBlocker] = field(default_factory=list)

    @property
    def locked(self) -> bool:
        return bool(self.lock and self.lock.locked)

    @property
    def total_cells(self) -> int:
        return len(self.rows) * len(self.months)

    @property
    def approved_cells(self) -> int:
        return sum(1 for r in self.rows for c in r.cells if c.status == Status.APPROVED)


def _per_month(queryset, months: list[int]) -> dict[int, int]:
    counts = dict(
        queryset.filter(month__in=months).values_list("month").annotate(n=Count("pk")).order_by()
    )
    return {m: counts.get(m, 0) for m in months}


def quarter_board(unit: WorkUnit, year: int, quarter: int) -> Board:
    """The board of (unit, year, quarter); eleven queries."""
    months = quarter_months(quarter)
    indicators = list(
        Indicator.objects.filter(goal__agreement__unit=unit, goal__agreement__year=year)
        .select_related("goal__agreement", "team")
        .order_by("-goal__agreement__revision_no", "goal__number", "number")
    )
    latest = indicators[0].goal.agreement.revision_no if indicators else 0
    indicators = [i for i in indicators if i.goal.agreement.revision_no == latest]
    rows_by_key = {
        (r.indicator_id, r.month): r
        for r in MonthlyRealisation.objects.filter(
            indicator__in=indicators, month__in=months
        ).select_related("updated_by")
    }
    entry = {m: reverse("entry:entry", args=[unit.code, year, m]) for m in months}
    money = {m: reverse("entry:money", args=[unit.code, year, m]) for m in months}
    rows = []
    for ind in indicators:
        cells = []
        for m in months:
            rec = rows_by_key.get((ind.pk, m))
            who = rec.updated_by.get_username() if rec and rec.updated_by else ""
            cells.append(Cell(m, rec.status if rec else "", f"{entry[m]}#ind-{ind.pk}", who))
        rows.append(BoardRow(ind, cells))
    outputs = BudgetItem.objects.filter(
        budget__unit=unit, budget__year=year, level=BudgetItem.Level.KRO
    )
    output_count = outputs.count()
    spent = _per_month(OutputRealisation.objects.filter(item__in=outputs), months)
    lines = RevenueLine.objects.filter(unit=unit, is_refund_line=False)
    line_count = lines.count()
    received = _per_month(RevenueReceipt.objects.filter(line__in=lines, year=year), months)
    kinds = ServiceKind.objects.filter(unit=unit)
    kind_count = kinds.count()
    served = _per_month(ServiceOutput.objects.filter(kind__in=kinds, year=year), months)
    summaries = []
    for m in months:
        counts = {s: 0 for s in STATUS_ORDER}
        for r in rows:
            counts[r.cells[months.index(m)].status] += 1
        summaries.append(
            MonthSummary(
                m,
                counts,
                [
                    MoneyCount(_("Realisasi output (KRO)"), spent[m], output_count, money[m]),
                    MoneyCount(_("Penerimaan PNBP"), received[m], line_count, money[m]),
                    MoneyCount(_("Hasil layanan jasa"), served[m], kind_count, money[m]),
                ],
                entry[m],
                money[m],
            )
        )
    lock = QuarterLock.objects.filter(unit=unit, year=year, quarter=quarter).first()
    blockers = (
        []
        if lock and lock.locked
        else quarter_lock_blockers(
            unit=unit, year=year, quarter=quarter, submitted_count_as_approved=True
        )
    )
    return Board(
        unit=unit,
        year=year,
        quarter=quarter,
        months=months,
        rows=rows,
        summaries=summaries,
        deadline=deadline_for(unit, year, quarter),
        lock=lock,
        blockers=blockers,
    )
