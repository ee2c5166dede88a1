"""Early warnings for the head of office: what is late or inconsistent this quarter.

Pure over the computed report; the caller passes ``today`` (months after it are not late
yet) and a function that turns a target into a URL.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from perkin.calendar import MONTHS
from perkin.formatting import percent, rupiah
from reports.calculations.budget import pace_to_month
from reports.engine.report import QuarterlyReport

LinkFn = Callable[..., str]


@dataclass(frozen=True)
class EarlyWarning:
    kind: str  # behind_plan | output_lag | revenue_pace | not_submitted | finding
    severity: str  # error | warning
    title: str
    detail: str
    url: str


def early_warnings(report: QuarterlyReport, *, today: date, link: LinkFn) -> list[EarlyWarning]:
    out: list[EarlyWarning] = []
    last = report.last_month
    for ind in report.indicators:
        if ind.physical_target_pct is not None and ind.physical_behind:
            out.append(
                EarlyWarning(
                    "behind_plan",
                    "warning",
                    f"{ind.code} tertinggal dari rencana aksi",
                    f"Realisasi fisik B{last:02d} {percent(ind.physical_realised_pct)} di bawah target "
                    f"antara {percent(ind.physical_target_pct)}.",
                    link("indicator", pk=ind.pk),
                )
            )
    lagging = [o for o in report.budget.outputs if o.lags] if report.budget else []
    if lagging:
        out.append(
            EarlyWarning(
                "output_lag",
                "warning",
                f"Penyerapan {len(lagging)} KRO di bawah rencana s.d. {MONTHS[last]}",
                "; ".join(
                    f"{o.short_code} {percent(o.spending_pct)} dari {percent(o.planned_financial_pct)}"
                    for o in lagging
                ),
                link("section", anchor="anggaran"),
            )
        )
    rev = report.revenue
    if rev.target and rev.realisation is not None:
        pace = pace_to_month(rev.target, last)
        if rev.realisation < pace:
            out.append(
                EarlyWarning(
                    "revenue_pace",
                    "warning",
                    "PNBP di bawah laju yang dibutuhkan",
                    f"Realisasi {rupiah(rev.realisation)} s.d. {MONTHS[last]}, sedangkan laju target "
                    f"tahunan {rupiah(rev.target)} menuntut {rupiah(pace)}.",
                    link("section", anchor="pnbp"),
                )
            )
    due = _due_months(report, today)
    for month in due:
        pending = [
            ind.code
            for ind in report.indicators
            if ind.months[month - 1].status not in ("submitted", "approved")
        ]
        if pending:
            out.append(
                EarlyWarning(
                    "not_submitted",
                    "warning",
                    f"{MONTHS[month]} {report.year} belum diajukan",
                    f"{len(pending)} indikator belum diajukan: {', '.join(pending[:8])}"
                    + ("..." if len(pending) > 8 else ""),
                    link("entry", month=month),
                )
            )
    return out


def finding_warnings(report: QuarterlyReport, *, link: LinkFn) -> list[EarlyWarning]:
    """The consistency check's findings, each linked to where it can be fixed."""
    return [
        EarlyWarning(
            "finding",
            f.severity,
            f.subject,
            f.message,
            link("indicator", pk=f.indicator_pk)
            if f.indicator_pk
            else link("section", anchor=f.area or "temuan"),
        )
        for f in report.checks
    ]


def _due_months(report: QuarterlyReport, today: date) -> list[int]:
    """Months of the quarter's year up to 3q that have ended by today."""
    months = range(1, report.last_month + 1)
    if report.year < today.year:
        return list(months)
    if report.year > today.year:
        return []
    return [m for m in months if m < today.month]
