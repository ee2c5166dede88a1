"""Checks of PNBP receipts, service outputs and unit evaluations."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from perkin.formatting import number, percent, rupiah, smart
from reports.calculations import methods
from reports.calculations.rounding import round2
from reports.checks.base import ERROR, WARNING, Finding, published, same

if TYPE_CHECKING:
    from reports.engine.report import QuarterlyReport


def growth_checks(
    report, key: str, rows: dict, total_growth, label: str, area: str
) -> list[Finding]:
    out = []
    for p in published(report, key):
        if p.subject == "TOTAL":
            computed, has_base = total_growth, total_growth is not None
            name = "total"
        elif p.subject in rows:
            row = rows[p.subject]
            computed, has_base = row.growth_pct, row.previous_year not in (None, 0)
            name = row.name
        else:
            continue
        if not has_base:
            out.append(
                Finding(
                    "GROWTH_WITHOUT_BASE",
                    ERROR,
                    f"{p.source} menampilkan pertumbuhan {label} {name} sebesar {smart(p.value)}, padahal "
                    f"tidak ada nilai tahun sebelumnya; pertumbuhan seharusnya '-'.",
                    name,
                    area,
                )
            )
        elif computed is not None and not same(computed, p.value):
            out.append(
                Finding(
                    "GROWTH_DIFFERS",
                    ERROR,
                    f"{p.source} menyatakan pertumbuhan {label} {name} {number(p.value)}%, data menghasilkan "
                    f"{percent(computed)}.",
                    name,
                    area,
                )
            )
    return out


def revenue_checks(report: QuarterlyReport) -> list[Finding]:
    out: list[Finding] = []
    rev = report.revenue
    f = report.facts
    cumul = {int(p.subject): p for p in published(report, "revenue.cumulative")}
    months = {int(p.subject): p for p in published(report, "revenue.month_total")}
    for m, p in sorted(cumul.items()):
        if m - 1 in cumul and m in months:
            expected = cumul[m - 1].value + months[m].value
            if expected != p.value:
                out.append(
                    Finding(
                        "CUMULATIVE_NOT_SUM",
                        ERROR,
                        f"PNBP: kumulatif s.d. bulan {m - 1} {rupiah(cumul[m - 1].value)} ditambah "
                        f"penerimaan bulan {m} {rupiah(months[m].value)} = {rupiah(expected)}, tetapi "
                        f"{p.source} menyatakan kumulatif {rupiah(p.value)}.",
                        f"PNBP bulan {m}",
                        "revenue",
                    )
                )
    stored = defaultdict(Decimal)
    for r in f.receipts:
        if r.year == report.year and r.period_start_month == r.month:
            stored[r.month] += r.amount
    for m, p in sorted(months.items()):
        if m in stored and stored[m] != p.value:
            out.append(
                Finding(
                    "MONTH_TOTAL_DIFFERS",
                    ERROR,
                    f"PNBP bulan {m}: {p.source} menyatakan {rupiah(p.value)}, jumlah rincian per jenis "
                    f"layanan {rupiah(stored[m])}.",
                    f"PNBP bulan {m}",
                    "revenue",
                )
            )
    for m, p in sorted(cumul.items()):
        computed = rev.monthly_cumulative[m - 1]
        if computed is not None and computed != p.value:
            out.append(
                Finding(
                    "CUMULATIVE_DIFFERS",
                    WARNING,
                    f"PNBP kumulatif s.d. bulan {m}: {p.source} menyatakan {rupiah(p.value)}, data "
                    f"penerimaan menghasilkan {rupiah(computed)}.",
                    f"PNBP s.d. bulan {m}",
                    "revenue",
                )
            )
    for p in published(report, "revenue.target"):
        if rev.target is not None and p.value != rev.target:
            out.append(
                Finding(
                    "REVENUE_TARGET_DIFFERS",
                    ERROR,
                    f"{p.source} menyebut target PNBP {rupiah(p.value)}, sedangkan target yang ditetapkan "
                    f"{rupiah(rev.target)} (realisasi {rupiah(rev.realisation)}).",
                    "Target PNBP",
                    "revenue",
                )
            )
    for p in published(report, "revenue.total"):
        computed = rev.realisation if p.subject == str(report.year) else rev.previous_year
        if computed is not None and computed != p.value:
            out.append(
                Finding(
                    "REVENUE_TOTAL_DIFFERS",
                    ERROR,
                    f"{p.source} menyatakan PNBP {p.subject} {rupiah(p.value)}, data menghasilkan "
                    f"{rupiah(computed)}.",
                    f"PNBP {p.subject}",
                    "revenue",
                )
            )
    out += growth_checks(
        report,
        "revenue.growth_pct",
        {ln.code: ln for ln in rev.lines},
        rev.growth_pct,
        "PNBP",
        "revenue",
    )
    return out


def service_checks(report: QuarterlyReport) -> list[Finding]:
    out: list[Finding] = []
    s = report.services
    for p in published(report, "service.total"):
        computed = s.current if p.subject == str(report.year) else s.previous_year
        if computed is not None and Decimal(computed) != p.value:
            out.append(
                Finding(
                    "SERVICE_TOTAL_DIFFERS",
                    ERROR,
                    f"{p.source} menyatakan jumlah hasil layanan {p.subject} {number(p.value, 0)}, data "
                    f"menghasilkan {number(computed, 0)}.",
                    f"Layanan {p.subject}",
                    "services",
                )
            )
    out += growth_checks(
        report,
        "service.growth_pct",
        {k.code: k for k in s.kinds},
        s.growth_pct,
        "layanan",
        "services",
    )
    return out


def evaluation_checks(report: QuarterlyReport) -> list[Finding]:
    out: list[Finding] = []
    for e in report.facts.evaluations:
        if e.unit_id != report.unit.pk:
            continue
        scores = [c.score for c in e.components.all()]
        computed = methods.components_sum(scores) if scores else None
        if (
            computed is not None
            and e.stated_total is not None
            and computed != round2(e.stated_total)
        ):
            out.append(
                Finding(
                    "EVALUATION_TOTAL_DIFFERS",
                    ERROR,
                    f"{e.get_kind_display()} {e.year}: komponen berjumlah {number(computed)}, nilai yang "
                    f"dinyatakan {number(e.stated_total)}.",
                    str(e.get_kind_display()),
                    "evaluation",
                )
            )
    return out
