"""The revenue (PNBP) part of the computed quarterly report: lines, groups and the year's
growth against last year (tables 2.6 and 3.7, indicator III.2 and the dashboard's revenue
charts)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from reports.calculations import methods
from reports.calculations.periods import PeriodValue, cumulative_series, cumulative_to
from reports.calculations.rounding import pct, round2
from reports.engine.facts import Facts


@dataclass
class RevenueLineRow:
    code: str
    name: str
    group_number: int | None
    group_name: str
    is_refund_line: bool
    target: Decimal | None
    realisation: Decimal | None
    previous_year: Decimal | None
    growth_pct: Decimal | None


@dataclass
class RevenueGroupRow:
    """Revenue lines grouped as tables 2.6 and 3.7 print them, with the group's subtotals
    (sums of its lines' values; None where no line has one)."""

    number: int | None
    name: str
    lines: list[RevenueLineRow]
    target: Decimal | None = None
    realisation: Decimal | None = None
    previous_year: Decimal | None = None


def revenue_groups(lines: list[RevenueLineRow]) -> list[RevenueGroupRow]:
    """Lines grouped by their group number in order of appearance; lines without a group
    form a group of their own."""
    groups: list[RevenueGroupRow] = []
    by_number: dict[int, RevenueGroupRow] = {}
    for line in lines:
        if line.group_number is None:
            groups.append(RevenueGroupRow(None, "", [line]))
            continue
        group = by_number.get(line.group_number)
        if group is None:
            group = RevenueGroupRow(line.group_number, line.group_name, [])
            by_number[line.group_number] = group
            groups.append(group)
        group.lines.append(line)
    for group in groups:
        for attr in ("target", "realisation", "previous_year"):
            values = [getattr(ln, attr) for ln in group.lines if getattr(ln, attr) is not None]
            setattr(group, attr, sum(values, Decimal(0)) if values else None)
    return groups


@dataclass
class RevenueResult:
    target: Decimal | None
    realisation: Decimal | None
    previous_year: Decimal | None
    growth_pct: Decimal | None
    target_achievement_pct: Decimal | None
    lines: list[RevenueLineRow]
    monthly_cumulative: list[Decimal | None]
    previous_monthly_cumulative: list[Decimal | None]
    groups: list[RevenueGroupRow] = field(default_factory=list)


def revenue_result(
    facts: Facts, year: int, last: int, recorded_previous: Decimal | None = None
) -> RevenueResult:
    """PNBP to month ``last``; last year's total from last year's receipts, else from the
    total recorded by hand (``recorded_previous``)."""
    targets = {t.line_id: t.amount for t in facts.revenue_targets}
    by_line: dict[tuple[int, int], list[PeriodValue]] = defaultdict(list)
    for r in facts.receipts:
        by_line[(r.line_id, r.year)].append(PeriodValue(r.month, r.period_start_month, r.amount))
    years_with_data = {r.year for r in facts.receipts}
    lines = []
    for line in facts.revenue_lines:
        current = (
            cumulative_to(by_line[(line.pk, year)], last) if by_line[(line.pk, year)] else None
        )
        previous = (
            cumulative_to(by_line[(line.pk, year - 1)], last)
            if by_line[(line.pk, year - 1)]
            else None
        )
        lines.append(
            RevenueLineRow(
                code=line.code,
                name=line.name,
                group_number=line.group_number,
                group_name=line.group_name,
                is_refund_line=line.is_refund_line,
                target=targets.get(line.pk),
                realisation=current,
                previous_year=previous,
                growth_pct=methods.growth_pct(current, previous),
            )
        )

    def total(year_: int, values: list[Decimal | None], unknown_if) -> Decimal | None:
        if year_ not in years_with_data or unknown_if:
            return None
        return sum((v for v in values if v is not None), Decimal("0"))

    current_unknown = any(
        by_line[(line.pk, year)]
        and cumulative_to(by_line[(line.pk, year)], last) is None
        and any(v.period_start_month <= last for v in by_line[(line.pk, year)])
        for line in facts.revenue_lines
    )
    previous_unknown = any(
        by_line[(line.pk, year - 1)]
        and cumulative_to(by_line[(line.pk, year - 1)], last) is None
        and any(v.period_start_month <= last for v in by_line[(line.pk, year - 1)])
        for line in facts.revenue_lines
    )
    realisation = total(year, [ln.realisation for ln in lines], current_unknown)
    previous = total(year - 1, [ln.previous_year for ln in lines], previous_unknown)
    if previous is None:
        previous = recorded_previous
    target = sum(targets.values(), Decimal("0")) if targets else None
    all_current = [v for (lid, y), vals in by_line.items() if y == year for v in vals]
    all_previous = [v for (lid, y), vals in by_line.items() if y == year - 1 for v in vals]
    return RevenueResult(
        target=target,
        realisation=realisation,
        previous_year=previous,
        growth_pct=methods.growth_pct(realisation, previous),
        target_achievement_pct=round2(pct(realisation, target)),
        lines=lines,
        monthly_cumulative=cumulative_series(all_current)[:last] + [None] * (12 - last),
        previous_monthly_cumulative=cumulative_series(all_previous),
        groups=revenue_groups(lines),
    )
