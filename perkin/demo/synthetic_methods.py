"""What each indicator method adds to a synthetic unit-year (perkin.demo.synthetic): the
direct value staff enter each month, or the method's supporting rows. One generator per
method in ``METHODS``, so a new method is one entry here."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Model

from perkin.demo.base import quantized
from perkin.models import (
    EvaluationComponent,
    FacilitatedCompany,
    Indicator,
    Measurement,
    RatioObservation,
    ServiceIndexAspect,
    SurveyElementScore,
    UnitEvaluation,
)

IPP_WEIGHTS = [
    ("Kebijakan Pelayanan", 24),
    ("Profesionalisme SDM", 25),
    ("Sarana dan Prasarana", 18),
    ("Sistem Informasi Pelayanan Publik", 11),
    ("Konsultasi dan Pengaduan", 10),
    ("Inovasi", 12),
]
SAKIP = [
    ("Perencanaan Kinerja", 30),
    ("Pengukuran Kinerja", 30),
    ("Pelaporan Kinerja", 15),
    ("Evaluasi Akuntabilitas Kinerja Internal", 25),
]

# --- what each indicator method adds to a unit-year -------------------------------------------


@dataclass
class Generated:
    """An indicator's generated facts: the value to date staff enter in each month (direct
    values only) and its method's supporting rows, unsaved."""

    values: list[Decimal | None] = field(default_factory=lambda: [None] * 12)
    rows: list[Model] = field(default_factory=list)


def _direct(rng: random.Random, ind: Indicator, code: str, shape: dict) -> Generated:
    return Generated(
        values=[quantized(float(shape["target"]) * rng.uniform(0.9, 1.2)) for _month in range(12)]
    )


def _count(rng: random.Random, ind: Indicator, code: str, shape: dict) -> Generated:
    return Generated(
        rows=[
            FacilitatedCompany(
                indicator=ind,
                company=f"PT Sintetis {code} {n}",
                standard="SNI",
                month=min(12, 2 * n + 1),
            )
            for n in range(1, rng.randint(2, 6))
        ]
    )


def _average_change(rng: random.Random, ind: Indicator, code: str, shape: dict) -> Generated:
    rows = []
    for n in range(1, 4):
        before = quantized(rng.uniform(10, 40), 1)
        after = quantized(float(before) * rng.uniform(0.4, 0.8), 1)
        rows.append(
            Measurement(
                indicator=ind,
                month=3 * n + 3,
                order=n,
                company=f"IKM Sintetis {n}",
                service="Pendampingan teknologi",
                kind=Measurement.Kind.EFFICIENCY,
                before_text=f"{before} jam",
                after_text=f"{after} jam",
                before_value=before,
                after_value=after,
                measure_unit="jam",
            )
        )
    return Generated(rows=rows)


def _growth(rng: random.Random, ind: Indicator, code: str, shape: dict) -> Generated:
    return Generated()  # realised from the unit's revenue or service outputs


def _ratio(rng: random.Random, ind: Indicator, code: str, shape: dict) -> Generated:
    rows = []
    for m in (6, 12):
        denominator = quantized(rng.uniform(1e9, 5e9), 0)
        rows.append(
            RatioObservation(
                indicator=ind,
                month=m,
                numerator_label="Realisasi PDN",
                numerator=quantized(float(denominator) * rng.uniform(0.5, 0.9), 0),
                denominator_label="Pagu akun terpilih",
                denominator=denominator,
            )
        )
    return Generated(rows=rows)


def _survey_index(rng: random.Random, ind: Indicator, code: str, shape: dict) -> Generated:
    return Generated(
        rows=[
            SurveyElementScore(
                indicator=ind,
                month=m,
                number=n,
                element=f"Unsur {n}",
                score=quantized(rng.uniform(3.2, 3.95)),
            )
            for m in (6, 12)
            for n in range(1, 10)
        ]
    )


def _weighted_index(rng: random.Random, ind: Indicator, code: str, shape: dict) -> Generated:
    return Generated(
        rows=[
            ServiceIndexAspect(
                indicator=ind,
                month=12,
                number=n,
                aspect=name,
                index_value=quantized(rng.uniform(3.8, 5.0)),
                weight_pct=Decimal(weight),
            )
            for n, (name, weight) in enumerate(IPP_WEIGHTS, start=1)
        ]
    )


def _components_sum(rng: random.Random, ind: Indicator, code: str, shape: dict) -> Generated:
    """The unit's SAKIP evaluation with its component scores."""
    scores = [quantized(mx * rng.uniform(0.7, 0.95)) for _, mx in SAKIP]
    agreement = ind.goal.agreement
    evaluation = UnitEvaluation(
        unit=agreement.unit,
        year=agreement.year,
        assessed_year=agreement.year - 1,
        kind=UnitEvaluation.Kind.SAKIP,
        published_on=date(agreement.year, 2, 28),
        stated_total=sum(scores),
    )
    components = [
        EvaluationComponent(
            evaluation=evaluation, number=n, name=name, score=s, max_score=Decimal(mx)
        )
        for n, ((name, mx), s) in enumerate(zip(SAKIP, scores, strict=True), 1)
    ]
    return Generated(rows=[evaluation, *components])


# One entry per method: a new method is one generator here (tests check every method has one).
METHODS: dict[Indicator.Method, Callable[[random.Random, Indicator, str, dict], Generated]] = {
    Indicator.Method.DIRECT: _direct,
    Indicator.Method.COUNT: _count,
    Indicator.Method.AVERAGE_CHANGE: _average_change,
    Indicator.Method.GROWTH: _growth,
    Indicator.Method.RATIO: _ratio,
    Indicator.Method.SURVEY_INDEX: _survey_index,
    Indicator.Method.WEIGHTED_INDEX: _weighted_index,
    Indicator.Method.COMPONENTS_SUM: _components_sum,
}
# The order the supporting rows go in after the evaluations and the monthly rows (keeps the
# primary keys of a seed the same from one run to the next).
SUPPORTING_ORDER: tuple[type[Model], ...] = (
    Measurement,
    FacilitatedCompany,
    SurveyElementScore,
    ServiceIndexAspect,
    RatioObservation,
)
