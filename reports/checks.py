"""Consistency checks over the stored facts of a quarterly report.

Each finding says, in Indonesian, which stated value contradicts what its inputs compute.
The report itself always prints the computed value; the planner sees the findings before
exporting and decides what to correct.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from reports.calculations import methods
from reports.calculations.rounding import round2
from reports.formatting import number, percent, rupiah, smart

if TYPE_CHECKING:
    from reports.quarterly import QuarterlyReport

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    message: str
    subject: str
    area: str = ""  # indicator | budget | revenue | services | evaluation
    indicator_pk: int | None = None

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "subject": self.subject,
        }


def run_checks(report: QuarterlyReport) -> list[Finding]:
    """Returns the findings for the report's stored facts, most serious first."""
    out: list[Finding] = []
    out += _indicator_checks(report)
    out += _budget_checks(report)
    out += _revenue_checks(report)
    out += _service_checks(report)
    out += _evaluation_checks(report)
    out.sort(key=lambda f: (f.severity != ERROR,))
    return out


def _published(report: QuarterlyReport, key: str):
    return [
        p
        for p in report.facts.published
        if p.quarter == report.quarter and p.key == key and p.value is not None
    ]


def _same(a: Decimal | None, b: Decimal | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return round2(a) == round2(b)


# --- indicators ------------------------------------------------------------------------------


def _indicator_checks(report: QuarterlyReport) -> list[Finding]:
    out: list[Finding] = []
    by_code = {i.code: i for i in report.indicators}
    for ind in report.indicators:
        steps = [
            (m.month, m.interim_target_pct) for m in ind.months if m.interim_target_pct is not None
        ]
        for (m1, a), (m2, b) in zip(steps, steps[1:], strict=False):
            if b < a:
                out.append(
                    Finding(
                        "PLAN_NOT_CUMULATIVE",
                        ERROR,
                        f"Target antara rencana aksi {ind.code} turun dari {percent(a)} (B{m1:02d}) "
                        f"menjadi {percent(b)} (B{m2:02d}); target antara harus kumulatif dan tidak "
                        f"boleh menurun.",
                        ind.code,
                        "indicator",
                        ind.pk,
                    )
                )
                break
        done = [
            (m.month, m.physical_pct)
            for m in ind.months[: report.last_month]
            if m.physical_pct is not None
        ]
        for (m1, a), (m2, b) in zip(done, done[1:], strict=False):
            if b < a:
                out.append(
                    Finding(
                        "REALISED_DECREASING",
                        ERROR,
                        f"Realisasi fisik kumulatif {ind.code} turun dari {percent(a)} (B{m1:02d}) menjadi "
                        f"{percent(b)} (B{m2:02d}).",
                        ind.code,
                        "indicator",
                        ind.pk,
                    )
                )
                break
        for m in ind.measurements:
            if m.stated_is_off:
                out.append(
                    Finding(
                        "MEASUREMENT_STATED_OFF",
                        ERROR,
                        f"Pengukuran {ind.code} {m.company}: {smart(m.before_value)} -> "
                        f"{smart(m.after_value)} {m.measure_unit} menghasilkan {percent(m.computed_pct)}, "
                        f"tetapi yang dinyatakan {percent(m.stated_pct)} (selisih lebih dari 0,01).",
                        ind.code,
                        "indicator",
                        ind.pk,
                    )
                )
        if (
            ind.method != "direct"
            and ind.last_value_to_date is not None
            and ind.realisation is not None
            and not _same(ind.last_value_to_date, ind.realisation)
        ):
            out.append(
                Finding(
                    "VALUE_TO_DATE_DIFFERS",
                    ERROR,
                    f"Nilai {ind.code} yang diisi pada B{ind.last_value_month:02d} "
                    f"({smart(ind.last_value_to_date)}) berbeda dengan realisasi yang dihitung dari data "
                    f"pendukungnya ({smart(ind.realisation)}).",
                    ind.code,
                    "indicator",
                    ind.pk,
                )
            )
        if ind.method == "weighted_index" and ind.rows:
            total = sum((r.extra or Decimal(0) for r in ind.rows), Decimal(0))
            if total != 100:
                out.append(
                    Finding(
                        "WEIGHTS_NOT_100",
                        ERROR,
                        f"Bobot aspek indeks pelayanan publik {ind.code} berjumlah {percent(total)}, "
                        f"seharusnya 100%.",
                        ind.code,
                        "indicator",
                        ind.pk,
                    )
                )

    stated_plan: dict[str, list] = defaultdict(list)
    for p in _published(report, "indicator.interim_target_pct"):
        code, _, month = p.subject.partition("@")
        ind = by_code.get(code)
        if ind is None or not month.isdigit():
            continue
        planned = ind.months[int(month) - 1].interim_target_pct
        if not _same(planned, p.value):
            stated_plan[code].append((int(month), p.value, planned, p.source))
    for code, rows in stated_plan.items():
        ind = by_code[code]
        detail = "; ".join(
            f"B{m:02d} {percent(v)} (rencana aksi {percent(plan)})" for m, v, plan, _ in rows
        )
        out.append(
            Finding(
                "PUBLISHED_INTERIM_DIFFERS",
                ERROR,
                f"Target antara {code} pada {rows[0][3]} tidak sama dengan rencana aksi: {detail}.",
                code,
                "indicator",
                ind.pk,
            )
        )

    labels = {
        "indicator.realisation": ("PUBLISHED_REALISATION_DIFFERS", "realisasi", "realisation"),
        "indicator.achievement": ("PUBLISHED_ACHIEVEMENT_DIFFERS", "capaian", "achievement_pct"),
        "indicator.target": ("PUBLISHED_TARGET_DIFFERS", "target", "target"),
        "indicator.physical_target": (
            "PUBLISHED_PHYSICAL_TARGET_DIFFERS",
            "target fisik",
            "physical_target_pct",
        ),
        "indicator.physical_realised": (
            "PUBLISHED_PHYSICAL_DIFFERS",
            "realisasi fisik",
            "physical_realised_pct",
        ),
    }
    pct_attrs = ("achievement_pct", "physical_target_pct", "physical_realised_pct")
    for key, (code_, label, attr) in labels.items():
        for p in _published(report, key):
            ind = by_code.get(p.subject)
            if ind is None:
                continue
            computed = getattr(ind, attr)
            if computed is not None and not _same(computed, p.value):
                show = percent if attr in pct_attrs else smart
                out.append(
                    Finding(
                        code_,
                        ERROR,
                        f"{p.source} menyatakan {label} {ind.code} {show(p.value)}, sedangkan "
                        f"data menghasilkan {show(computed)}.",
                        ind.code,
                        "indicator",
                        ind.pk,
                    )
                )
    return out


# --- budget ----------------------------------------------------------------------------------


def _budget_checks(report: QuarterlyReport) -> list[Finding]:
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
        _published(report, "budget.revision_matrix_total"), key=lambda p: int(p.subject)
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
    for p in _published(report, "budget.financial_realisation_pct"):
        if b.spending_pct is not None and not _same(b.spending_pct, p.value):
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
    for p in _published(report, "budget.physical_realisation_pct"):
        if b.physical_pct is not None and not _same(b.physical_pct, p.value):
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
        for p in _published(report, key):
            prog = programmes.get(p.subject)
            if prog and getattr(prog, attr) is not None and not _same(getattr(prog, attr), p.value):
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
    for p in _published(report, "budget.activity_kro_count"):
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
    for p in _published(report, "budget.pagu"):
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


# --- revenue and services --------------------------------------------------------------------


def _growth_checks(
    report, key: str, rows: dict, total_growth, label: str, area: str
) -> list[Finding]:
    out = []
    for p in _published(report, key):
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
        elif computed is not None and not _same(computed, p.value):
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


def _revenue_checks(report: QuarterlyReport) -> list[Finding]:
    out: list[Finding] = []
    rev = report.revenue
    f = report.facts
    cumul = {int(p.subject): p for p in _published(report, "revenue.cumulative")}
    months = {int(p.subject): p for p in _published(report, "revenue.month_total")}
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
    for p in _published(report, "revenue.target"):
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
    for p in _published(report, "revenue.total"):
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
    out += _growth_checks(
        report,
        "revenue.growth_pct",
        {ln.code: ln for ln in rev.lines},
        rev.growth_pct,
        "PNBP",
        "revenue",
    )
    return out


def _service_checks(report: QuarterlyReport) -> list[Finding]:
    out: list[Finding] = []
    s = report.services
    for p in _published(report, "service.total"):
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
    out += _growth_checks(
        report,
        "service.growth_pct",
        {k.code: k for k in s.kinds},
        s.growth_pct,
        "layanan",
        "services",
    )
    return out


def _evaluation_checks(report: QuarterlyReport) -> list[Finding]:
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
