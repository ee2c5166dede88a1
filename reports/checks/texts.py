"""Checks of the texts staff write into the report (chapter texts, an indicator's analysis,
obstacles and recommendation, the quarter's monthly activities, the outputs' analyses):

- quarter or year words that do not match the report's period ("Sampai dengan Triwulan III"
  in the Q4 report, "TA. 2025" in the 2024 report);
- indicator codes that point at another indicator (II.3's obstacles speaking of "II.2");
- percentages and rupiah amounts that match no computed figure of their section;
- sentences that state achievement ("... telah tercapai"): only the generated sentences state
  it, so such sentences are not printed (reports.pp39.narrative removes them) and are listed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from perkin.calendar import ROMAN
from perkin.models import ReportText
from reports.checks.base import ERROR, WARNING, Finding

if TYPE_CHECKING:
    from reports.engine.report import IndicatorResult, QuarterlyReport

_ROMAN_VALUE = {r: i for i, r in enumerate(ROMAN) if r}
_UNTIL_QUARTER = re.compile(
    r"\b(?:sampai dengan|s\.\s?d\.?|s/d|hingga)\s+(?:triwulan|tw\.?)\s+([IVX]+)\b", re.IGNORECASE
)
_BUDGET_YEAR = re.compile(r"\b(?:TA\.?|tahun anggaran|tahun)\s*(20\d\d)\b", re.IGNORECASE)
_CODE = re.compile(r"\b([IVX]{1,4})\.(\d{1,2})\b")
_PERCENT = re.compile(r"(?<![\d.,])(\d{1,3}(?:[.,]\s?\d{1,4})?)\s?(?:%|persen\b)", re.IGNORECASE)
_RUPIAH = re.compile(r"\bRp\.?\s?(\d{1,3}(?:[.,]\d{3})+|\d+)(?![\d.,]\d)", re.IGNORECASE)
# A sentence that states achievement: only the generated sentences may (DOMAIN 6).
CLAIM = re.compile(
    r"\b(?:telah|sudah|belum|tidak|dapat)\s+(?:\w+\s+)?(?:tercapai|berhasil|mencapai\s+target|"
    r"melampaui\s+target)\b",
    re.IGNORECASE,
)
# the verdict paragraph the report generates; its hand-typed twin is removed as formulaic
_VERDICT = re.compile(r"^\s*Dari data di atas\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(])")


def sentences(text: str) -> list[str]:
    """The text's sentences (split after . ! ? before an upper-case letter)."""
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


def claims(text: str) -> list[str]:
    """The sentences of a staff text that state achievement."""
    out = []
    for para in re.split(r"\n\s*\n", text or ""):
        if not _VERDICT.search(para):
            out += [s.strip() for s in sentences(para) if CLAIM.search(s)]
    return out


def without_claims(text: str) -> str:
    """The text without its sentences that state achievement (paragraphs kept)."""
    paragraphs = []
    for para in re.split(r"\n\s*\n", text or ""):
        kept = [s for s in sentences(para) if not CLAIM.search(s)]
        joined = " ".join(s.strip() for s in kept).strip()
        if joined:
            paragraphs.append(joined)
    return "\n\n".join(paragraphs)


@dataclass(frozen=True)
class StaffText:
    label: str  # where the report prints it: "Analisis II.3", "Teks BAB IV (keuangan)"
    text: str
    figures: frozenset[Decimal]  # the computed figures of its section
    indicator: IndicatorResult | None = None
    # the monthly activity logs cite stored monthly amounts, not the report's figures
    check_numbers: bool = True


def _number(token: str) -> Decimal | None:
    """'22,77' -> 22.77; '5.186.827.000' -> 5186827000; '3,943,650,250' -> 3943650250."""
    token = token.replace(" ", "")
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", token):
        token = token.replace(".", "").replace(",", "")
    else:
        token = token.replace(",", ".")
    try:
        return Decimal(token)
    except InvalidOperation:
        return None


def _matches(value: Decimal, figures: Iterable[Decimal]) -> bool:
    """True when a figure printed with the value's own decimals equals the value."""
    places = max(0, -value.as_tuple().exponent)
    quantum = Decimal(1).scaleb(-places)
    for f in figures:
        if f is None:
            continue
        if Decimal(f).quantize(quantum) == value or abs(Decimal(f) - value) <= quantum / 2:
            return True
    return False


def _figures(*values) -> frozenset[Decimal]:
    return frozenset(Decimal(v) for v in values if v is not None)


def indicator_figures(report: QuarterlyReport, ind: IndicatorResult) -> frozenset[Decimal]:
    """Every computed figure of an indicator's section (its result, months, supporting rows and
    the money parts a growth indicator is realised from)."""
    values = [
        ind.realisation,
        ind.target,
        ind.achievement_pct,
        ind.physical_target_pct,
        ind.physical_realised_pct,
        ind.converted_value,
        ind.growth_current,
        ind.growth_previous,
        ind.previous_realisation,
        ind.previous_physical_pct,
        ind.previous_achievement_pct,
        Decimal(100),
    ]
    for m in ind.months[: report.last_month]:
        values += [m.interim_target_pct, m.physical_pct, m.value_to_date]
    for m in ind.measurements:
        values += [m.computed_pct, m.stated_pct, m.published_pct, m.before_value, m.after_value]
    for row in ind.rows:
        values += [row.value, row.extra, row.weighted]
    if ind.ratio:
        values += [ind.ratio["numerator"], ind.ratio["denominator"], ind.ratio["stated_pct"]]
    if ind.growth_current is not None:
        values += _money_figures(report)
    return _figures(*values)


def _money_figures(report: QuarterlyReport) -> list:
    rev, s = report.revenue, report.services
    values = [rev.target, rev.realisation, rev.previous_year, rev.growth_pct]
    values += [rev.target_achievement_pct, s.current, s.previous_year, s.growth_pct]
    values += [v for v in rev.monthly_cumulative if v is not None]
    for ln in rev.lines:
        values += [ln.target, ln.realisation, ln.previous_year, ln.growth_pct]
    for k in s.kinds:
        values += [k.current, k.previous_year, k.growth_pct]
    return values


def report_figures(report: QuarterlyReport) -> frozenset[Decimal]:
    """The computed figures the chapter texts may cite: budget, revenue, the indicators'
    results and the absorption target."""
    values = [report.absorption_target_pct, report.average_achievement_pct, Decimal(100)]
    b = report.budget
    if b is not None:
        values += [b.pagu, b.initial_pagu, b.spent, b.spending_pct, b.physical_pct]
        values += [b.planned_financial_pct, b.planned_physical_pct]
        values += [r.pagu for r in b.revisions]
        for p in b.programmes:
            values += [p.pagu, p.share_pct, p.weighted_spending_pct, p.weighted_physical_pct]
        for o in b.outputs:
            values += [o.pagu, o.spent, o.spending_pct, o.physical_pct]
            values += [o.planned_financial_pct, o.planned_physical_pct]
        values += [r.amount for r in b.spending_types] + [r.amount for r in b.funding_sources]
    values += _money_figures(report)
    for ind in report.indicators:
        values += [ind.realisation, ind.target, ind.achievement_pct]
    return _figures(*values)


def staff_texts(report: QuarterlyReport) -> Iterator[StaffText]:
    """The staff texts the quarter's report prints, each with its section's figures."""
    everything = report_figures(report)
    labels = dict(ReportText.Key.choices)
    for key, text in sorted(report.texts.items()):
        if key != ReportText.Key.FOREWORD_PLACE_DATE:
            yield StaffText(f"Teks '{labels.get(key, key)}'", text, everything)
    for ind in report.indicators:
        own = indicator_figures(report, ind)
        for attr, label in (
            ("analysis", "Analisis"),
            ("obstacles", "Kendala"),
            ("recommendation", "Rekomendasi"),
        ):
            yield StaffText(f"{label} {ind.code}", getattr(ind, attr), own, ind)
        for m in ind.months[report.last_month - 3 : report.last_month]:
            label = f"Realisasi kegiatan {ind.code} B{m.month:02d}"
            yield StaffText(label, m.activities_done, own, ind, check_numbers=False)
    b = report.budget
    for p in b.programmes if b else []:
        for attr in ("analysis", "obstacles", "recommendation"):
            yield StaffText(f"Teks kegiatan {p.activity_code}", getattr(p, attr), everything)
        for o in p.outputs:
            yield StaffText(f"Analisis output {o.short_code}", o.analysis, everything)


def text_checks(report: QuarterlyReport) -> list[Finding]:
    out: list[Finding] = []
    codes = {i.code for i in report.indicators}
    for t in staff_texts(report):
        if not t.text:
            continue
        subject = t.indicator.code if t.indicator else t.label
        pk = t.indicator.pk if t.indicator else None
        out += _period_findings(report, t, subject, pk)
        if t.indicator is not None:
            others = sorted(
                {f"{m[1]}.{m[2]}" for m in _CODE.finditer(t.text)} & codes - {t.indicator.code}
            )
            if others:
                out.append(
                    Finding(
                        "TEXT_OTHER_INDICATOR",
                        ERROR,
                        f"{t.label} menyebut indikator {', '.join(others)}, bukan {t.indicator.code}.",
                        subject,
                        "text",
                        pk,
                    )
                )
        if t.check_numbers:
            out += _number_findings(t, subject, pk)
        for claim in claims(t.text):
            out.append(
                Finding(
                    "TEXT_STATES_ACHIEVEMENT",
                    WARNING,
                    f'{t.label} menyatakan capaian dengan kalimat sendiri: "{_short(claim)}"; '
                    f"kalimat ini tidak dicetak, capaian dinyatakan oleh kalimat yang dihasilkan "
                    f"dari data.",
                    subject,
                    "text",
                    pk,
                )
            )
    return out


def _period_findings(report, t: StaffText, subject: str, pk) -> list[Finding]:
    out = []
    quarters = sorted(
        {m[1].upper() for m in _UNTIL_QUARTER.finditer(t.text)} - {ROMAN[report.quarter]},
        key=lambda r: _ROMAN_VALUE.get(r, 0),
    )
    if quarters:
        out.append(
            Finding(
                "TEXT_OTHER_QUARTER",
                ERROR,
                f"{t.label} menyebut 'sampai dengan Triwulan {', '.join(quarters)}', sedangkan "
                f"laporan ini sampai dengan Triwulan {ROMAN[report.quarter]}.",
                subject,
                "text",
                pk,
            )
        )
    years = sorted(
        {int(m[1]) for m in _BUDGET_YEAR.finditer(t.text)} - set(range(2000, report.year + 2))
    )
    if years:
        out.append(
            Finding(
                "TEXT_OTHER_YEAR",
                ERROR,
                f"{t.label} menyebut tahun {', '.join(map(str, years))}, padahal laporan ini "
                f"tentang tahun anggaran {report.year}.",
                subject,
                "text",
                pk,
            )
        )
    return out


def _number_findings(t: StaffText, subject: str, pk) -> list[Finding]:
    unmatched = []
    for pattern, suffix in ((_PERCENT, "%"), (_RUPIAH, "")):
        for m in pattern.finditer(t.text):
            value = _number(m[1])
            if value is not None and not _matches(value, t.figures):
                unmatched.append(m[0].strip() if suffix else m[0].strip())
    if not unmatched:
        return []
    shown = ", ".join(dict.fromkeys(unmatched))
    return [
        Finding(
            "TEXT_NUMBER_UNMATCHED",
            WARNING,
            f"{t.label} memuat angka yang tidak sesuai dengan angka hasil perhitungan "
            f"bagiannya: {shown}.",
            subject,
            "text",
            pk,
        )
    ]


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
