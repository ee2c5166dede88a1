"""Checks of the DIPA: revisions, allocations, splits and stated budget figures."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

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
                    f"{r.label}: pagu tertulis {rupiah(r.stated_pagu)}, jumlah alokasinya {rupiah(r.pagu)}.",
                    r.label,
                    "budget",
                )
            )
    by_rev_dim: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    for bd in f.breakdowns:
        by_rev_dim[(bd.revision_id, bd.dimension)] += bd.amount
    names = {
        "funding_source": "sumber dana (RM + PNBP)",
        "spending_type": "jenis belanja (51/52/53)",
    }
    for r in revisions:
        for dim, label in names.items():
            total = by_rev_dim.get((r.pk, dim))
            if total is not None and total != pagu_by_number[r.number]:
                out.append(
                    Finding(
                        "BREAKDOWN_NOT_PAGU",
                        ERROR,
                        f"{r}: rincian per {label} berjumlah {rupiah(total)}, sedangkan pagunya "
                        f"{rupiah(pagu_by_number[r.number])}.",
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
                    f"DIPA awal bertanggal {initial.date:%d-%m-%Y}, tetapi {len(earlier)} revisi "
                    f"bertanggal lebih awal (mis. {earlier[0]} pada {earlier[0].date:%d-%m-%Y}).",
                    "DIPA awal",
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
                    f"{c} bertanggal {c.date:%d-%m-%Y}, lebih awal dari {a} ({a.date:%d-%m-%Y}).",
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
                    f"{stated_totals[0].source} memuat {len(stated_totals)} nilai total untuk "
                    f"{len(computed)} kolom revisi; {wrong} nilai tidak sama dengan jumlah kolomnya.",
                    "Tabel 2.2",
                    "budget",
                )
            )
    for p in published(report, "budget.financial_realisation_pct"):
        if b.spending_pct is not None and not same(b.spending_pct, p.value):
            out.append(
                Finding(
                    "FINANCIAL_PCT_DIFFERS",
                    ERROR,
                    f"{p.source} menyatakan realisasi keuangan {percent(p.value)}, sedangkan realisasi per "
                    f"output (tertimbang pagu) menghasilkan {percent(b.spending_pct)}.",
                    "Realisasi keuangan",
                    "budget",
                )
            )
    for p in published(report, "budget.physical_realisation_pct"):
        if b.physical_pct is not None and not same(b.physical_pct, p.value):
            out.append(
                Finding(
                    "PHYSICAL_PCT_DIFFERS",
                    ERROR,
                    f"{p.source} menyatakan realisasi fisik {percent(p.value)}, data menghasilkan "
                    f"{percent(b.physical_pct)}.",
                    "Realisasi fisik",
                    "budget",
                )
            )
    programmes = {p.code: p for p in b.programmes}
    for key, attr, label in (
        ("budget.programme_share_pct", "share_pct", "porsi pagu"),
        (
            "budget.programme_weighted_spending_pct",
            "weighted_spending_pct",
            "realisasi keuangan tertimbang",
        ),
    ):
        for p in published(report, key):
            prog = programmes.get(p.subject)
            if prog and getattr(prog, attr) is not None and not same(getattr(prog, attr), p.value):
                out.append(
                    Finding(
                        "PROGRAMME_FIGURE_DIFFERS",
                        ERROR,
                        f"{p.source} menyatakan {label} program {p.subject} {number(p.value)}, data "
                        f"menghasilkan {number(getattr(prog, attr))}.",
                        f"Program {p.subject}",
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
                    f"{p.source} menyebut {smart(p.value)} KRO pada kegiatan {p.subject}, sedangkan DIPA "
                    f"memuat {kro_count[p.subject]} KRO.",
                    f"Kegiatan {p.subject}",
                    "budget",
                )
            )
    for p in published(report, "budget.pagu"):
        if p.value != b.pagu:
            out.append(
                Finding(
                    "PAGU_DIFFERS",
                    ERROR,
                    f"{p.source} menyatakan pagu {rupiah(p.value)}, DIPA yang berlaku {rupiah(b.pagu)}.",
                    "Pagu",
                    "budget",
                )
            )
    return out
