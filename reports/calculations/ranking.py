"""Ranking of units by a score (tables 3.17 and 3.18)."""

from collections.abc import Hashable, Mapping
from decimal import Decimal


def competition_rank(scores: Mapping[Hashable, Decimal | None]) -> dict[Hashable, int]:
    """1 + the number of strictly higher scores ("1224" ranking: three units at 98,00 after
    four higher ones all rank 5th, as table 3.18 ranks BSPJI Palembang); unknown scores get no
    rank."""
    known = {k: v for k, v in scores.items() if v is not None}
    # one sort instead of comparing every pair: a score's rank is 1 + its position in the
    # descending order of its first occurrence (a ministry has a thousand units)
    first_position: dict[Decimal, int] = {}
    for position, value in enumerate(sorted(known.values(), reverse=True)):
        first_position.setdefault(value, position)
    return {k: 1 + first_position[v] for k, v in known.items()}
