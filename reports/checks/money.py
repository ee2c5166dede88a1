"""Checks of PNBP receipts, service outputs and unit evaluations."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

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
            name = _("total")
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
                    _(
                        "%(source)s menampilkan pertumbuhan %(label)s %(name)s sebesar %(stated)s, "
                        "padahal tidak ada nilai tahun sebelumnya; pertumbuhan seharusnya '-'."
                    )
                    % {"source": p.source, "label": label, "name": name, "stated": smart(p.value)},
                    name,
                    area,
                )
            )
        elif computed is not None and not same(computed, p.value):
            out.append(
                Finding(
                    "GROWTH_DIFFERS",
                    ERROR,
                    _(
                        "%(source)s menyatakan pertumbuhan %(label)s %(name)s %(stated)s%%, data "
                        "menghasilkan %(computed)s."
                    )
                    % {
                        "source": p.source,
                        "label": label,
                        "name": name,
                        "stated": number(p.value),
                        "computed": percent(computed),
                    },
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
                        _(
                            "PNBP: kumulatif s.d. bulan %(previous_month)s %(previous)s ditambah "
                            "penerimaan bulan %(month)s %(received)s = %(expected)s, tetapi "
                            "%(source)s menyatakan kumulatif %(stated)s."
                        )
                        % {
                            "previous_month": m - 1,
                            "previous": rupiah(cumul[m - 1].value),
                            "month": m,
                            "received": rupiah(months[m].value),
                            "expected": rupiah(expected),
                            "source": p.source,
                            "stated": rupiah(p.value),
                        },
                        _("PNBP bulan %(month)s") % {"month": m},
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
                    _(
                        "PNBP bulan %(month)s: %(source)s menyatakan %(stated)s, jumlah rincian per "
                        "jenis layanan %(stored)s."
                    )
                    % {
                        "month": m,
                        "source": p.source,
                        "stated": rupiah(p.value),
                        "stored": rupiah(stored[m]),
                    },
                    _("PNBP bulan %(month)s") % {"month": m},
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
                    _(
                        "PNBP kumulatif s.d. bulan %(month)s: %(source)s menyatakan %(stated)s, data "
                        "penerimaan menghasilkan %(computed)s."
                    )
                    % {
                        "month": m,
                        "source": p.source,
                        "stated": rupiah(p.value),
                        "computed": rupiah(computed),
                    },
                    _("PNBP s.d. bulan %(month)s") % {"month": m},
                    "revenue",
                )
            )
    for p in published(report, "revenue.target"):
        if rev.target is not None and p.value != rev.target:
            out.append(
                Finding(
                    "REVENUE_TARGET_DIFFERS",
                    ERROR,
                    _(
                        "%(source)s menyebut target PNBP %(stated)s, sedangkan target yang "
                        "ditetapkan %(target)s (realisasi %(realisation)s)."
                    )
                    % {
                        "source": p.source,
                        "stated": rupiah(p.value),
                        "target": rupiah(rev.target),
                        "realisation": rupiah(rev.realisation),
                    },
                    _("Target PNBP"),
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
                    _(
                        "%(source)s menyatakan PNBP %(year)s %(stated)s, data menghasilkan %(computed)s."
                    )
                    % {
                        "source": p.source,
                        "year": p.subject,
                        "stated": rupiah(p.value),
                        "computed": rupiah(computed),
                    },
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
                    _(
                        "%(source)s menyatakan jumlah hasil layanan %(year)s %(stated)s, data "
                        "menghasilkan %(computed)s."
                    )
                    % {
                        "source": p.source,
                        "year": p.subject,
                        "stated": number(p.value, 0),
                        "computed": number(computed, 0),
                    },
                    _("Layanan %(year)s") % {"year": p.subject},
                    "services",
                )
            )
    out += growth_checks(
        report,
        "service.growth_pct",
        {k.code: k for k in s.kinds},
        s.growth_pct,
        _("layanan"),
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
                    _(
                        "%(kind)s %(year)s: komponen berjumlah %(computed)s, nilai yang "
                        "dinyatakan %(stated)s."
                    )
                    % {
                        "kind": e.get_kind_display(),
                        "year": e.year,
                        "computed": number(computed),
                        "stated": number(e.stated_total),
                    },
                    str(e.get_kind_display()),
                    "evaluation",
                )
            )
    return out
