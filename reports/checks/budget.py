"""Checks of the DIPA: revisions, allocations, splits and stated budget figures."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from perkin.formatting import number, percent, rupiah, smart
from reports.checks.base import ERROR, WARNING, Finding, published, same

if TYPE_CHECKING:
    from reports.engine.report import QuarterlyReport


def budget_checks(report: QuarterlyReport) -> list[Finding]:
    out: list[Finding] = []
    b = report.budget
    f = report.facts
    if b is None:
        return out
    shown = {r.number for r in b.revisions}
    revisions = [r for r in f.revisions if r.number in shown]
    pagu_by_number = {r.number: r.pagu for r in b.revisions}
    for r in b.revisions:
        if r.stated_pagu is not None and r.stated_pagu != r.pagu:
            out.append(
                Finding(
                    "REVISION_PAGU_MISMATCH",
                    ERROR,
                    _("%(revision)s: pagu tertulis %(stated)s, jumlah alokasinya %(pagu)s.")
                    % {
                        "revision": r.label,
                        "stated": rupiah(r.stated_pagu),
                        "pagu": rupiah(r.pagu),
                    },
                    r.label,
                    "budget",
                )
            )
    by_rev_dim: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    for bd in f.breakdowns:
        by_rev_dim[(bd.revision_id, bd.dimension)] += bd.amount
    names = {
        "funding_source": _("sumber dana (RM + PNBP)"),
        "spending_type": _("jenis belanja (51/52/53)"),
    }
    for r in revisions:
        for dim, label in names.items():
            total = by_rev_dim.get((r.pk, dim))
            if total is not None and total != pagu_by_number[r.number]:
                out.append(
                    Finding(
                        "BREAKDOWN_NOT_PAGU",
                        ERROR,
                        _(
                            "%(revision)s: rincian per %(label)s berjumlah %(total)s, sedangkan pagunya %(pagu)s."
                        )
                        % {
                            "revision": r,
                            "label": label,
                            "total": rupiah(total),
                            "pagu": rupiah(pagu_by_number[r.number]),
                        },
                        str(r),
                        "budget",
                    )
                )
    initial = next((r for r in revisions if r.number == 0), None)
    if initial:
        earlier = [r for r in revisions if r.number > 0 and r.date < initial.date]
        if earlier:
            out.append(
                Finding(
                    "REVISION_BEFORE_INITIAL",
                    ERROR,
                    _(
                        "DIPA awal bertanggal %(date)s, tetapi %(count)s revisi bertanggal lebih "
                        "awal (mis. %(first)s pada %(first_date)s)."
                    )
                    % {
                        "date": f"{initial.date:%d-%m-%Y}",
                        "count": len(earlier),
                        "first": earlier[0],
                        "first_date": f"{earlier[0].date:%d-%m-%Y}",
                    },
                    _("DIPA awal"),
                    "budget",
                )
            )
    numbered = [r for r in revisions if r.number > 0]
    for a, c in zip(numbered, numbered[1:], strict=False):
        if c.date < a.date:
            out.append(
                Finding(
                    "REVISION_DATE_ORDER",
                    WARNING,
                    _(
                        "%(later)s bertanggal %(later_date)s, lebih awal dari %(earlier)s (%(earlier_date)s)."
                    )
                    % {
                        "later": c,
                        "later_date": f"{c.date:%d-%m-%Y}",
                        "earlier": a,
                        "earlier_date": f"{a.date:%d-%m-%Y}",
                    },
                    str(c),
                    "budget",
                )
            )

    stated_totals = sorted(
        published(report, "budget.revision_matrix_total"), key=lambda p: int(p.subject)
    )
    if stated_totals:
        computed = [r.pagu for r in b.revisions]
        wrong = sum(
            1 for i, p in enumerate(stated_totals) if i >= len(computed) or p.value != computed[i]
        )
        if len(stated_totals) != len(computed) or wrong:
            out.append(
                Finding(
                    "MATRIX_TOTAL_ROW",
                    ERROR,
                    _(
                        "%(source)s memuat %(stated)s nilai total untuk %(columns)s kolom revisi; "
                        "%(wrong)s nilai tidak sama dengan jumlah kolomnya."
                    )
                    % {
                        "source": stated_totals[0].source,
                        "stated": len(stated_totals),
                        "columns": len(computed),
                        "wrong": wrong,
                    },
                    _("Tabel 2.2"),
                    "budget",
                )
            )
    for p in published(report, "budget.financial_realisation_pct"):
        if b.spending_pct is not None and not same(b.spending_pct, p.value):
            out.append(
                Finding(
                    "FINANCIAL_PCT_DIFFERS",
                    ERROR,
                    _(
                        "%(source)s menyatakan realisasi keuangan %(stated)s, sedangkan realisasi "
                        "per output (tertimbang pagu) menghasilkan %(computed)s."
                    )
                    % {
                        "source": p.source,
                        "stated": percent(p.value),
                        "computed": percent(b.spending_pct),
                    },
                    _("Realisasi keuangan"),
                    "budget",
                )
            )
    for p in published(report, "budget.physical_realisation_pct"):
        if b.physical_pct is not None and not same(b.physical_pct, p.value):
            out.append(
                Finding(
                    "PHYSICAL_PCT_DIFFERS",
                    ERROR,
                    _(
                        "%(source)s menyatakan realisasi fisik %(stated)s, data menghasilkan %(computed)s."
                    )
                    % {
                        "source": p.source,
                        "stated": percent(p.value),
                        "computed": percent(b.physical_pct),
                    },
                    _("Realisasi fisik"),
                    "budget",
                )
            )
    programmes = {p.code: p for p in b.programmes}
    for key, attr, label in (
        ("budget.programme_share_pct", "share_pct", _("porsi pagu")),
        (
            "budget.programme_weighted_spending_pct",
            "weighted_spending_pct",
            _("realisasi keuangan tertimbang"),
        ),
    ):
        for p in published(report, key):
            prog = programmes.get(p.subject)
            if prog and getattr(prog, attr) is not None and not same(getattr(prog, attr), p.value):
                out.append(
                    Finding(
                        "PROGRAMME_FIGURE_DIFFERS",
                        ERROR,
                        _(
                            "%(source)s menyatakan %(label)s program %(programme)s %(stated)s, "
                            "data menghasilkan %(computed)s."
                        )
                        % {
                            "source": p.source,
                            "label": label,
                            "programme": p.subject,
                            "stated": number(p.value),
                            "computed": number(getattr(prog, attr)),
                        },
                        _("Program %(programme)s") % {"programme": p.subject},
                        "budget",
                    )
                )
    kro_count: dict[str, int] = defaultdict(int)
    for o in b.outputs:
        kro_count[o.activity_code] += 1
    for p in published(report, "budget.activity_kro_count"):
        if p.subject in kro_count and kro_count[p.subject] != p.value:
            out.append(
                Finding(
                    "KRO_COUNT_DIFFERS",
                    WARNING,
                    _(
                        "%(source)s menyebut %(stated)s KRO pada kegiatan %(activity)s, sedangkan "
                        "DIPA memuat %(count)s KRO."
                    )
                    % {
                        "source": p.source,
                        "stated": smart(p.value),
                        "activity": p.subject,
                        "count": kro_count[p.subject],
                    },
                    _("Kegiatan %(activity)s") % {"activity": p.subject},
                    "budget",
                )
            )
    for p in published(report, "budget.pagu"):
        if p.value != b.pagu:
            out.append(
                Finding(
                    "PAGU_DIFFERS",
                    ERROR,
                    _("%(source)s menyatakan pagu %(stated)s, DIPA yang berlaku %(pagu)s.")
                    % {"source": p.source, "stated": rupiah(p.value), "pagu": rupiah(b.pagu)},
                    _("Pagu"),
                    "budget",
                )
            )
    return out
