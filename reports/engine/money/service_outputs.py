"""The service-output part of the computed quarterly report: counts per kind of service and
their growth against last year (table 3.8, indicator III.3 and the dashboard's service chart)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from reports.calculations import methods
from reports.calculations.periods import PeriodValue, cumulative_to
from reports.engine.facts import Facts


@dataclass
class ServiceKindRow:
    code: str
    name: str
    unit_of_measure: str
    current: int | None
    previous_year: int | None
    growth_pct: Decimal | None


@dataclass
class ServiceResult:
    current: int | None
    previous_year: int | None
    growth_pct: Decimal | None
    kinds: list[ServiceKindRow]


def services_result(
    facts: Facts, year: int, last: int, recorded_previous: int | None = None
) -> ServiceResult:
    """Service outputs to month ``last``; last year's total from last year's rows, else from
    the total recorded by hand."""
    by_kind: dict[tuple[int, int], list[PeriodValue]] = defaultdict(list)
    for o in facts.service_outputs:
        by_kind[(o.kind_id, o.year)].append(
            PeriodValue(o.month, o.period_start_month, Decimal(o.count))
        )
    years = {o.year for o in facts.service_outputs}
    kinds = []
    unknown = {year: False, year - 1: False}
    for kind in facts.service_kinds:
        values = {}
        for y in (year, year - 1):
            rows = by_kind[(kind.pk, y)]
            v = cumulative_to(rows, last) if rows else None
            if rows and v is None and any(r.period_start_month <= last for r in rows):
                unknown[y] = True
            values[y] = v
        kinds.append(
            ServiceKindRow(
                code=kind.code,
                name=kind.name,
                unit_of_measure=kind.unit_of_measure,
                current=int(values[year]) if values[year] is not None else None,
                previous_year=int(values[year - 1]) if values[year - 1] is not None else None,
                growth_pct=methods.growth_pct(values[year], values[year - 1]),
            )
        )

    def total(y: int, attr: str) -> int | None:
        if y not in years or unknown[y]:
            return None
        return sum(getattr(k, attr) or 0 for k in kinds)

    current, previous = total(year, "current"), total(year - 1, "previous_year")
    if previous is None:
        previous = recorded_previous
    return ServiceResult(
        current=current,
        previous_year=previous,
        growth_pct=methods.growth_pct(
            Decimal(current) if current is not None else None,
            Decimal(previous) if previous is not None else None,
        ),
        kinds=kinds,
    )
