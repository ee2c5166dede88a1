"""Chapter-level generated sentences of the PP 39 report (BAB II and IV, the references to
supporting tables), worded from the computed report; see reports.pp39.narrative for the indicator
sentences and the quarter words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from perkin.formatting import percent, smart
from reports.pp39 import narrative as nv

if TYPE_CHECKING:
    from reports.engine.money.dipa import BreakdownResult
    from reports.engine.report import QuarterlyReport
    from reports.pp39.tables.base import Table


def table_sentence(report: QuarterlyReport, kind: str, table: Table) -> str:
    if kind == "computed":
        return nv.source_sentence(table.number)
    if kind == "trainings":
        return _("Rekapitulasi pelatihan %(until)s disajikan pada Tabel %(n)s.") % {
            "until": nv.until_quarter(report.quarter),
            "n": table.number,
        }
    peers = report.sakip_peers if kind == "sakip_peers" else report.financial_peers
    what = _("akuntabilitas kinerja") if kind == "sakip_peers" else _("laporan keuangan")
    text = _(
        "Perbandingan nilai %(what)s satker di lingkungan %(p)s disajikan pada Tabel %(n)s."
    ) % {
        "what": what,
        "p": report.unit.parent.display_name if report.unit.parent else "-",
        "n": table.number,
    }
    own = next((p for p in peers if p.is_self), None)
    if own is not None and own.rank is not None:
        group = sum(1 for p in peers if p.kind == own.kind and p.total is not None)
        text += " " + _(
            "%(u)s berada di peringkat ke-%(r)s dari %(g)s satker sejenis dengan nilai %(v)s."
        ) % {"u": report.unit.display_name, "r": own.rank, "g": group, "v": smart(own.total)}
    return text


def budget_sentences(report: QuarterlyReport, tables: dict[str, Table]) -> dict[str, str]:
    """Sentences of BAB II; ``tables`` are the document's numbered tables by key."""
    b = report.budget
    unit, year = report.unit.display_name, report.year
    out: dict[str, str] = {
        "agreement_ref": _("Perjanjian kinerja %(u)s tahun %(y)s disajikan pada Tabel %(n)s.")
        % {"u": unit, "y": year, "n": tables["agreement"].number},
    }
    if b is None:
        return out
    out["programmes"] = _(
        "Program yang dilaksanakan oleh %(u)s pada tahun %(y)s terdiri dari %(c)s program, yaitu:"
    ) % {"u": unit, "y": year, "c": nv.count_words(len(b.programmes))}
    out["tree_intro"] = _(
        "Rincian anggaran tahun %(y)s menurut program, kegiatan, KRO dan RO setelah revisi "
        "ke-%(r)s disajikan pada Tabel %(n)s."
    ) % {"y": year, "r": b.revision_number, "n": tables["budget_tree"].number}
    if "spending_types" in tables:
        out["types_intro"] = _(
            "Komposisi anggaran kegiatan %(u)s berdasarkan jenis belanja seperti pada Tabel %(n)s."
        ) % {"u": unit, "n": tables["spending_types"].number}
    else:
        out["types_intro"] = _(
            "Rincian pagu menurut jenis belanja untuk revisi ke-%(r)s belum dicatat."
        ) % {"r": b.revision_number}
    out["initial_pagu"] = _(
        "Kegiatan %(u)s Tahun %(y)s didukung dengan pembiayaan dari APBN yang tercantum dalam "
        "Daftar Isian Pelaksanaan Anggaran (DIPA) tahun %(y)s dengan jumlah pagu awal anggaran "
        "sebesar %(p)s."
    ) % {"u": report.unit.display_name, "y": report.year, "p": nv.rupiah_with_words(b.initial_pagu)}
    out["revision_count"] = _(
        "%(until)s telah dilakukan revisi anggaran sebanyak %(c)s kali, dengan rincian pada "
        "Tabel %(t)s dan pagu per KRO setelah setiap revisi pada Tabel %(m)s."
    ) % {
        "until": nv.ucfirst(nv.until_quarter(report.quarter)),
        "c": nv.count_words(b.revision_count),
        "t": tables["revisions"].number,
        "m": tables["revision_matrix"].number,
    }
    out["current_pagu"] = _("Adapun anggaran %(until)s yaitu %(p)s (revisi ke-%(r)s).") % {
        "until": nv.until_quarter(report.quarter),
        "p": nv.rupiah_with_words(b.pagu),
        "r": b.revision_number,
    }
    if report.revenue.target is not None:
        out["revenue_target"] = _(
            "Target PNBP tahun %(y)s %(u)s sebesar %(t)s, dengan rincian target berdasarkan "
            "layanan pada Tabel %(n)s."
        ) % {
            "y": report.year,
            "u": report.unit.display_name,
            "t": nv.rupiah_with_words(report.revenue.target),
            "n": tables["revenue_targets"].number,
        }
    return out


def funding_rows(split: BreakdownResult, pagu) -> list:
    """A funding split is printed only when it adds up to the pagu it splits: the report prints
    no stated figure that contradicts a computed one (the check reports the difference)."""
    total = split.total
    return list(split) if total is not None and total == pagu else []


def closing_sentences(
    report: QuarterlyReport, tables: dict[str, Table], programme_count: int
) -> dict[str, str]:
    """Sentences of BAB IV; ``tables`` are the document's numbered tables by key."""
    b = report.budget
    achieved, measured = report.achieved_count, report.measured_count
    out = {
        "action_plan_ref": _("Rencana aksi %(u)s TA %(y)s disajikan pada Tabel %(n)s.")
        % {
            "u": report.unit.display_name,
            "y": report.year,
            "n": tables["action_plan"].number,
        },
        "activities_intro": _(
            "Kegiatan %(u)s %(until)s tahun %(y)s terdiri dari %(c)s kegiatan berikut."
        )
        % {
            "u": report.unit.display_name,
            "until": nv.until_quarter(report.quarter),
            "y": report.year,
            "c": nv.count_words(programme_count),
        },
        "outputs_intro": _(
            "Capaian kinerja output kegiatan %(u)s %(until)s TA %(y)s adalah sebagai berikut:"
        )
        % {
            "u": report.unit.display_name,
            "until": nv.until_quarter(report.quarter),
            "y": report.year,
        },
    }
    if measured:
        out["indicators"] = _(
            "%(until)s, dari %(n)s indikator kinerja sebanyak %(m)s indikator telah dapat diukur "
            "dan %(a)s indikator mencapai target, dengan rata-rata capaian indikator yang telah "
            "dapat diukur %(avg)s."
        ) % {
            "until": nv.ucfirst(nv.until_quarter(report.quarter)),
            "n": nv.count_words(len(report.indicators)),
            "m": nv.count_words(measured),
            "a": nv.count_words(achieved),
            "avg": percent(report.average_achievement_pct),
        }
    else:
        out["indicators"] = _(
            "%(until)s belum ada dari %(n)s indikator kinerja yang dapat diukur."
        ) % {
            "until": nv.ucfirst(nv.until_quarter(report.quarter)),
            "n": nv.count_words(len(report.indicators)),
        }
    if b is not None and b.spending_pct is not None:
        out["financial"] = _(
            "Berdasarkan data di atas, realisasi keuangan %(until)s sebesar %(r)s dari target "
            "rencana penarikan dana %(t)s (%(w)s target)."
        ) % {
            "until": nv.until_quarter(report.quarter),
            "r": percent(b.spending_pct),
            "t": percent(b.planned_financial_pct),
            "w": nv.achieved_word(b.spending_pct, b.planned_financial_pct),
        }
        if report.absorption_target_pct is not None:
            out["financial"] += " " + _(
                "Terhadap target penyerapan anggaran yang ditetapkan %(issuer)s sebesar %(t)s, "
                "realisasi keuangan tersebut %(w)s target."
            ) % {
                "issuer": report.unit.parent.display_name if report.unit.parent else _("atasan"),
                "t": percent(report.absorption_target_pct),
                "w": nv.achieved_word(b.spending_pct, report.absorption_target_pct),
            }
    if b is not None and b.physical_pct is not None:
        out["physical"] = _(
            "Realisasi fisik %(until)s sebesar %(pr)s dari target %(pt)s (%(pw)s target)."
        ) % {
            "until": nv.until_quarter(report.quarter),
            "pr": percent(b.physical_pct),
            "pt": percent(b.planned_physical_pct),
            "pw": nv.achieved_word(b.physical_pct, b.planned_physical_pct),
        }
    return out
