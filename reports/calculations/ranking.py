"""Ranking of units by a score (tables 3.17 and 3.18)."""

from collections.abc import Hashable, Mapping
from decimal import Decimal


def competition_rank(scores: Mapping[Hashable, Decimal | None]) -> dict[Hashable, int]:
    """1 + the number of strictly higher scores ("1224" ranking: three units at 98,00 after
    four higher ones all rank 5th, as table 3.18 ranks BSPJI Palembang); unknown scores get no
    rank."""
    known = {k: v for k, v in scores.items() if v is not None}
    return {k: 1 + sum(1 for other in known.values() if other > v) for k, v in known.items()}
