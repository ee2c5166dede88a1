"""Early warnings for the head of office: what is late or inconsistent this quarter.

Pure over the computed report; the caller passes ``today`` (months after it are not late
yet) and a function that turns a target into a URL.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from perkin.calendar import MONTH_NAMES
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
                    _("%(code)s tertinggal dari rencana aksi") % {"code": ind.code},
                    _("Realisasi fisik %(month)s %(done)s di bawah target antara %(plan)s.")
                    % {
                        "month": f"B{last:02d}",
                        "done": percent(ind.physical_realised_pct),
                        "plan": percent(ind.physical_target_pct),
                    },
                    link("indicator", pk=ind.pk),
                )
            )
    lagging = [o for o in report.budget.outputs if o.lags] if report.budget else []
    if lagging:
        out.append(
            EarlyWarning(
                "output_lag",
                "warning",
                _("Penyerapan %(n)s KRO di bawah rencana s.d. %(month)s")
                % {"n": len(lagging), "month": MONTH_NAMES[last]},
                "; ".join(
                    _("%(code)s %(spent)s dari %(plan)s")
                    % {
                        "code": o.short_code,
                        "spent": percent(o.spending_pct),
                        "plan": percent(o.planned_financial_pct),
                    }
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
                    _("PNBP di bawah laju yang dibutuhkan"),
                    _(
                        "Realisasi %(done)s s.d. %(month)s, sedangkan laju target tahunan "
                        "%(target)s menuntut %(pace)s."
                    )
                    % {
                        "done": rupiah(rev.realisation),
                        "month": MONTH_NAMES[last],
                        "target": rupiah(rev.target),
                        "pace": rupiah(pace),
                    },
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
                    _("%(month)s %(year)s belum diajukan")
                    % {"month": MONTH_NAMES[month], "year": report.year},
                    _("%(n)s indikator belum diajukan: %(codes)s")
                    % {"n": len(pending), "codes": ", ".join(pending[:8])}
                    + ("..." if len(pending) > 8 else ""),
                    link("entry", month=month),
                )
            )
    return out


# The dashboard's section of each finding area (templates/reports/dashboard.html).
AREA_ANCHORS = {
    "indicator": "indikator",
    "budget": "anggaran",
    "revenue": "pnbp",
    "services": "layanan",
}


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
            else link("section", anchor=AREA_ANCHORS.get(f.area, "temuan")),
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
