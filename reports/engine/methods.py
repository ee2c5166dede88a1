"""How an indicator's realisation is obtained (DOMAIN 5.3): one class per method that knows
how to realise, describe and check itself. The report, its document and the checks ask the
registry (``method_for``) instead of switching on the method's name, so a new method is one
class here (plus, when it brings a new kind of supporting table, that table in
reports.pp39.tables).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar

from django.utils.translation import gettext as _

from perkin.calendar import MONTHS, quarter_end
from perkin.formatting import percent, smart
from perkin.models import Indicator
from reports.calculations import methods
from reports.calculations.categories import Band, classify
from reports.calculations.rounding import round2
from reports.engine.facts import Facts
from reports.engine.findings import ERROR, Finding
from reports.engine.results import IndicatorResult, MeasurementRow, SimpleRow

if TYPE_CHECKING:
    from reports.engine.money.revenue import RevenueResult
    from reports.engine.money.service_outputs import ServiceResult

Method = Indicator.Method


@dataclass(frozen=True)
class Inputs:
    """What a method may read: the unit's facts, the period, and the money parts already
    computed (growth indicators are realised from them)."""

    facts: Facts
    year: int
    last_month: int
    revenue: RevenueResult
    services: ServiceResult

    def bands(self, scheme: str) -> list[Band]:
        return [b for b in self.facts.bands if b.scheme == scheme]


class IndicatorMethod:
    """The behaviour every method shares; subclasses override what differs."""

    key: ClassVar[str]
    # True when the realisation is the value staff enter each month (not computed from rows)
    entered_directly: ClassVar[bool] = False
    # True when the report lists the rows' companies under the indicator
    lists_companies: ClassVar[bool] = False

    def realise(self, ind: Indicator, r: IndicatorResult, given: Inputs) -> Decimal | None:
        """The realisation up to the period's last month; fills r's supporting rows."""
        raise NotImplementedError

    def support_table(self, r: IndicatorResult) -> str | None:
        """The kind of supporting table the report prints under the indicator, if any."""
        return None

    def describe(self, r: IndicatorResult) -> str:
        """A sentence saying where the value comes from ('' when the table says it)."""
        return ""

    def check(self, r: IndicatorResult) -> list[Finding]:
        """Findings about the indicator's own rows."""
        out: list[Finding] = []
        if (
            not self.entered_directly
            and r.last_value_to_date is not None
            and r.realisation is not None
            and round2(r.last_value_to_date) != round2(r.realisation)
        ):
            out.append(
                Finding(
                    "VALUE_TO_DATE_DIFFERS",
                    ERROR,
                    _(
                        "Nilai %(code)s yang diisi pada %(month)s (%(entered)s) berbeda dengan "
                        "realisasi yang dihitung dari data pendukungnya (%(computed)s)."
                    )
                    % {
                        "code": r.code,
                        "month": f"B{r.last_value_month:02d}",
                        "entered": smart(r.last_value_to_date),
                        "computed": smart(r.realisation),
                    },
                    r.code,
                    "indicator",
                    r.pk,
                )
            )
        return out


REGISTRY: dict[str, IndicatorMethod] = {}


def register(cls: type[IndicatorMethod]) -> type[IndicatorMethod]:
    REGISTRY[cls.key] = cls()
    return cls


def method_for(key: str) -> IndicatorMethod:
    """The registered method; KeyError names an unknown one."""
    return REGISTRY[key]


@register
class Direct(IndicatorMethod):
    """The value entered with evidence (VI.1 IP ASN 84,93)."""

    key = Method.DIRECT
    entered_directly = True

    def realise(self, ind, r, given):
        return round2(r.last_value_to_date)

    def describe(self, r):
        if not r.last_value_month:
            return ""
        return _("Nilai ini adalah nilai yang dilaporkan pada bulan %(m)s.") % {
            "m": MONTHS[r.last_value_month]
        }


@register
class Count(IndicatorMethod):
    """The number of distinct companies facilitated in the year (II.1 = 1, II.3 = 8)."""

    key = Method.COUNT
    lists_companies = True

    def realise(self, ind, r, given):
        companies = [
            c
            for c in given.facts.companies
            if c.indicator_id == ind.pk and c.month <= given.last_month
        ]
        r.rows = [SimpleRow(i + 1, c.company, note=c.standard) for i, c in enumerate(companies)]
        return methods.distinct_count(c.company for c in companies)


@register
class AverageChange(IndicatorMethod):
    """The mean of the measurements' published % (I.1: (30 + 44) / 2 = 37)."""

    key = Method.AVERAGE_CHANGE

    def realise(self, ind, r, given):
        rows = [
            m
            for m in given.facts.measurements
            if m.indicator_id == ind.pk and m.month <= given.last_month
        ]
        for m in rows:
            p = methods.measurement_pct(m.before_value, m.after_value, m.kind, m.stated_pct)
            r.measurements.append(
                MeasurementRow(
                    order=m.order,
                    company=m.company,
                    service=m.service,
                    kind=m.kind,
                    before_text=m.before_text,
                    after_text=m.after_text,
                    before_value=m.before_value,
                    after_value=m.after_value,
                    measure_unit=m.measure_unit,
                    computed_pct=round2(p.computed),
                    stated_pct=p.stated,
                    published_pct=p.published,
                    stated_is_off=p.stated_is_off,
                )
            )
        return methods.average_change([m.published_pct for m in r.measurements])

    def support_table(self, r):
        return "measurements" if r.measurements else None

    def check(self, r):
        out = [
            Finding(
                "MEASUREMENT_STATED_OFF",
                ERROR,
                _(
                    "Pengukuran %(code)s %(company)s: %(before)s -> %(after)s %(unit)s menghasilkan "
                    "%(computed)s, tetapi yang dinyatakan %(stated)s (selisih lebih dari 0,01)."
                )
                % {
                    "code": r.code,
                    "company": m.company,
                    "before": smart(m.before_value),
                    "after": smart(m.after_value),
                    "unit": m.measure_unit,
                    "computed": percent(m.computed_pct),
                    "stated": percent(m.stated_pct),
                },
                r.code,
                "indicator",
                r.pk,
            )
            for m in r.measurements
            if m.stated_is_off
        ]
        return out + super().check(r)


@register
class Growth(IndicatorMethod):
    """(B - A) / A * 100 of this year's revenue or service outputs against last year's."""

    key = Method.GROWTH

    def realise(self, ind, r, given):
        if ind.growth_basis == Indicator.GrowthBasis.REVENUE:
            source = given.revenue
            current, previous, growth = source.realisation, source.previous_year, source.growth_pct
        else:
            source = given.services
            current, previous, growth = source.current, source.previous_year, source.growth_pct
        r.growth_current = Decimal(current) if current is not None else None
        r.growth_previous = Decimal(previous) if previous is not None else None
        return growth

    def support_table(self, r):
        if r.growth_basis == Indicator.GrowthBasis.REVENUE:
            return "revenue"
        if r.growth_basis == Indicator.GrowthBasis.SERVICE_OUTPUTS:
            return "services"
        return None


@register
class Ratio(IndicatorMethod):
    """Numerator / denominator * 100 of the latest observation (III.4 P3DN)."""

    key = Method.RATIO

    def realise(self, ind, r, given):
        obs = [
            o
            for o in given.facts.ratios
            if o.indicator_id == ind.pk and o.month <= given.last_month
        ]
        if not obs:
            return None
        o = obs[-1]
        r.ratio = {
            "month": o.month,
            "numerator_label": o.numerator_label,
            "numerator": o.numerator,
            "denominator_label": o.denominator_label,
            "denominator": o.denominator,
            "stated_pct": o.stated_pct,
            "note": o.note,
        }
        return methods.ratio_pct(o.numerator, o.denominator, o.stated_pct)

    def describe(self, r):
        if not r.ratio:
            return ""
        ratio = r.ratio
        if ratio["numerator"] is None or not ratio["denominator"]:
            return _(
                "Nilai ini adalah persentase %(nl)s terhadap %(dl)s yang dilaporkan pada bulan "
                "%(m)s; nilai pembilang dan penyebutnya belum dicatat, sehingga persentase ini "
                "belum dapat dihitung ulang."
            ) % {
                "nl": ratio["numerator_label"] or _("pembilang"),
                "dl": ratio["denominator_label"] or _("penyebut"),
                "m": MONTHS[ratio["month"]],
            }
        return _(
            "Nilai ini dihitung dari %(nl)s sebesar %(n)s dibandingkan dengan %(dl)s sebesar %(d)s "
            "(data sampai dengan bulan %(m)s)."
        ) % {
            "nl": ratio["numerator_label"] or _("pembilang"),
            "n": smart(ratio["numerator"]),
            "dl": ratio["denominator_label"] or _("penyebut"),
            "d": smart(ratio["denominator"]),
            "m": MONTHS[ratio["month"]],
        }


def _latest_period(rows: list) -> list:
    """The rows of the latest month among rows that each carry a 'period up to' month."""
    if not rows:
        return []
    latest = max(x.month for x in rows)
    return [x for x in rows if x.month == latest]


@register
class SurveyIndex(IndicatorMethod):
    """IKM: the mean of the survey's element scores (1..4); converted value = IKM * 25."""

    key = Method.SURVEY_INDEX

    def realise(self, ind, r, given):
        rows = _latest_period(
            [
                s
                for s in given.facts.survey
                if s.indicator_id == ind.pk and s.month <= given.last_month
            ]
        )
        if not rows:
            return None
        bands = given.bands("ikm")  # stated on the 1-4 scale to 4 decimals
        for s in rows:
            band = classify(s.score, bands)
            r.rows.append(SimpleRow(s.number, s.element, s.score, note=band.label if band else ""))
        scores = [s.score for s in rows]
        value = methods.survey_index(scores)
        r.converted_value = methods.survey_converted(value)
        # classified on the index at the regulation's 4 decimals, before display rounding
        band = classify(methods.survey_index_exact(scores), bands)
        r.category_code, r.category_label = (band.code, band.label) if band else ("", "")
        return value

    def support_table(self, r):
        return "survey" if r.rows else None


@register
class WeightedIndex(IndicatorMethod):
    """IPP: the sum of each aspect's index times its weight (weights sum to 100 %)."""

    key = Method.WEIGHTED_INDEX

    def realise(self, ind, r, given):
        rows = _latest_period(
            [
                a
                for a in given.facts.aspects
                if a.indicator_id == ind.pk and a.month <= given.last_month
            ]
        )
        if not rows:
            return None
        for a in rows:
            r.rows.append(
                SimpleRow(
                    a.number,
                    a.aspect,
                    a.index_value,
                    a.weight_pct,
                    weighted=methods.aspect_weighted(a.index_value, a.weight_pct),
                )
            )
        value = methods.weighted_index([(a.index_value, a.weight_pct) for a in rows])
        band = classify(value, given.bands("ipp"))
        r.category_code, r.category_label = (band.code, band.label) if band else ("", "")
        return value

    def support_table(self, r):
        return "ipp" if r.rows else None

    def check(self, r):
        out = super().check(r)
        if r.rows:
            total = sum((row.extra or Decimal(0) for row in r.rows), Decimal(0))
            if total != 100:
                out.append(
                    Finding(
                        "WEIGHTS_NOT_100",
                        ERROR,
                        _(
                            "Bobot aspek indeks pelayanan publik %(code)s berjumlah %(total)s, "
                            "seharusnya 100%%."
                        )
                        % {"code": r.code, "total": percent(total)},
                        r.code,
                        "indicator",
                        r.pk,
                    )
                )
        return out


@register
class ComponentsSum(IndicatorMethod):
    """SAKIP: the sum of the evaluation's component scores, published by the quarter's end."""

    key = Method.COMPONENTS_SUM

    def realise(self, ind, r, given):
        end = quarter_end(given.year, given.last_month // 3)
        evaluation = next(
            (
                e
                for e in given.facts.evaluations
                if e.unit_id == ind.goal.agreement.unit_id
                and e.kind == "sakip"
                and (e.published_on is None or e.published_on <= end)
            ),
            None,
        )
        if evaluation is None:
            return None
        comps = list(evaluation.components.all())
        r.rows = [SimpleRow(c.number, c.name, c.score, c.max_score) for c in comps]
        value = methods.components_sum([c.score for c in comps])
        band = classify(value, given.bands("sakip"))
        r.category_code, r.category_label = (band.code, band.label) if band else ("", "")
        return value

    def support_table(self, r):
        return "sakip_peers"

    def describe(self, r):
        if not r.rows:
            return ""
        parts = ", ".join(f"{row.label} {smart(row.value)}" for row in r.rows)
        return _("Nilai tersebut terdiri dari %(p)s, dengan kategori %(c)s.") % {
            "p": parts,
            "c": r.category_code or "-",
        }
