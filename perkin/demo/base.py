"""Helpers shared by the demo loader's modules: reading the fixtures and their values."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings

FIXTURES = Path(settings.BASE_DIR) / "fixtures" / "demo"


def _load(name: str) -> Any:
    with open(FIXTURES / name, encoding="utf-8") as fh:
        return json.load(fh)


def _dec(value: Any) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value))


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def quantized(value: float | int | str, places: int = 2) -> Decimal:
    """The value as a Decimal with ``places`` decimals (the synthetic generator's numbers)."""
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places))
