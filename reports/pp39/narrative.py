"""The generated words of the PP 39 report: quarter words, Indonesian number words and the
formulaic sentences of the seed ("Realisasi dari indikator ... adalah ... dari target ...
dengan capaian ...%", "berhasil / belum berhasil", the comparison with last year).

Every figure comes from the computed ``QuarterlyReport``; this module only words it. Texts
staff write are inserted where they belong after ``strip_formulaic`` removed the hand-typed
twins of the sentences generated here (the demo's texts were transcribed from the Word report,
where such sentences were typed by hand and contradict the data, e.g. II.3 "dari target 1").
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from perkin.calendar import MONTHS, ROMAN
from perkin.formatting import DASH, percent, rupiah, smart
from reports.pp39.formulaic import strip_formulaic  # noqa: F401 - part of this module's interface

if TYPE_CHECKING:
    from reports.engine.money.dipa import OutputRow
    from reports.engine.report import IndicatorResult, QuarterlyReport

# --- quarter words ---------------------------------------------------------------------------


def quarter_label(quarter: int) -> str:
    """'Triwulan III'."""
    return f"Triwulan {ROMAN[quarter]}"


def quarter_short(quarter: int) -> str:
    """'TW III'."""
    return f"TW {ROMAN[quarter]}"


def ucfirst(text: str) -> str:
    """The text with its first letter upper-cased (str.capitalize lowers the rest)."""
    return text[:1].upper() + text[1:]


def lcfirst(text: str) -> str:
    """The text with its first letter lower-cased."""
    return text[:1].lower() + text[1:]


def until_quarter(quarter: int) -> str:
    """'sampai dengan Triwulan III'."""
    return _("sampai dengan %(q)s") % {"q": quarter_label(quarter)}


def quarter_months(quarter: int) -> str:
    """'Juli – September'."""
    return f"{MONTHS[3 * quarter - 2]} – {MONTHS[3 * quarter]}"


def date_id(value: date | None) -> str:
    """'04 Maret 2024'."""
    if value is None:
        return DASH
    return f"{value.day:02d} {MONTHS[value.month]} {value.year}"


def default_place_date(report: QuarterlyReport) -> str:
    """'Palembang, Januari 2025': the month after the quarter, when the report is due."""
    month = report.last_month % 12 + 1
    year = report.year + (1 if report.last_month == 12 else 0)
    place = report.unit.city or report.unit.display_name
    return f"{place}, {MONTHS[month]} {year}"


def default_foreword(report: QuarterlyReport) -> str:
    """The foreword printed until staff write one (texts are per quarter)."""
    unit = report.unit
    return _(
        "Sebagai salah satu upaya dalam menciptakan tata kelola pemerintahan yang baik, disusun "
        "Laporan Pengendalian dan Evaluasi Pelaksanaan Rencana Pembangunan sesuai dengan "
        "Peraturan Pemerintah Nomor 39 Tahun 2006.\n\n"
        "Laporan PP 39 %(q)s %(name)s (%(short)s) Tahun %(y)s merupakan penjabaran pelaksanaan "
        "Rencana Kinerja Tahun %(y)s yang ditetapkan dalam Perjanjian Kinerja, dan disusun "
        "sebagai bahan evaluasi bagi setiap unsur di lingkungan %(short)s."
    ) % {
        "q": quarter_label(report.quarter),
        "name": unit.name,
        "short": unit.display_name,
        "y": report.year,
    }


# --- Indonesian number words (terbilang) -------------------------------------------------------

_UNITS = [
    "",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
    "sepuluh",
    "sebelas",
]
_SCALES = [(10**12, "triliun"), (10**9, "miliar"), (10**6, "juta")]


def terbilang(n: int) -> str:
    """An integer in Indonesian words: 19 -> 'sembilan belas', 1500 -> 'seribu lima ratus'."""
    n = int(n)
    if n < 0:
        return "minus " + terbilang(-n)
    if n == 0:
        return "nol"
    if n < 12:
        return _UNITS[n]
    if n < 20:
        return f"{_UNITS[n - 10]} belas"
    if n < 100:
        rest = n % 10
        return f"{_UNITS[n // 10]} puluh" + (f" {_UNITS[rest]}" if rest else "")
    if n < 1000:
        head = "seratus" if n // 100 == 1 else f"{_UNITS[n // 100]} ratus"
        return head + (f" {terbilang(n % 100)}" if n % 100 else "")
    if n < 10**6:
        head = "seribu" if n // 1000 == 1 else f"{terbilang(n // 1000)} ribu"
        return head + (f" {terbilang(n % 1000)}" if n % 1000 else "")
    for scale, word in _SCALES:
        if n >= scale:
            head = f"{terbilang(n // scale)} {word}"
            return head + (f" {terbilang(n % scale)}" if n % scale else "")
    raise AssertionError("unreachable")


def count_words(n: int) -> str:
    """'19 (sembilan belas)'."""
    return f"{n} ({terbilang(n)})"


def rupiah_words(amount: Decimal | None) -> str:
    """'Dua Puluh Miliar ... Rupiah' for whole rupiah; '' when unknown."""
    if amount is None:
        return ""
    return (terbilang(int(amount)) + " rupiah").title()


# --- formulaic sentences ---------------------------------------------------------------------


def _pct_short(value: Decimal | None) -> str:
    """A physical % as the seed prints it: '100%', '62,5%'."""
    return DASH if value is None else smart(value) + "%"


def _unit_word(ind: IndicatorResult) -> str:
    return ind.unit.lower()


def realisation_sentence(ind: IndicatorResult, report: QuarterlyReport) -> SafeString:
    if ind.realisation is None:
        return format_html(
            _(
                'Realisasi dari indikator kinerja "{}" {} belum dapat dihitung karena data '
                "pendukungnya belum tersedia; target yang ditetapkan {} {}."
            ),
            ind.name,
            until_quarter(report.quarter),
            smart(ind.target),
            _unit_word(ind),
        )
    return format_html(
        _(
            'Realisasi dari indikator kinerja "{}" adalah {} {} dari target {} {} dengan capaian {}.'
        ),
        ind.name,
        smart(ind.realisation),
        _unit_word(ind),
        smart(ind.target),
        _unit_word(ind),
        percent(ind.achievement_pct),
    )


def source_sentence(table_number: str) -> str:
    return _("Realisasi ini diperoleh dari perhitungan yang ditunjukkan pada Tabel %(n)s.") % {
        "n": table_number
    }


def physical_sentence(ind: IndicatorResult, report: QuarterlyReport) -> str:
    if not ind.plan_cumulative:
        return _(
            "Target fisik %(q)s TA %(y)s indikator ini tidak dinyatakan karena target antara "
            "rencana aksinya tidak kumulatif (menurun); realisasi fisiknya %(r)s."
        ) % {
            "q": quarter_label(report.quarter),
            "y": report.year,
            "r": _pct_short(ind.physical_realised_pct)
            if ind.physical_realised_pct is not None
            else _("belum dilaporkan"),
        }
    if ind.physical_target_pct is None or ind.physical_realised_pct is None:
        if ind.physical_target_pct is None and ind.physical_realised_pct is None:
            return _("Target dan realisasi fisik %(q)s TA %(y)s indikator ini belum tersedia.") % {
                "q": quarter_label(report.quarter),
                "y": report.year,
            }
        if ind.physical_realised_pct is None:
            return _(
                "Pada %(q)s TA %(y)s target fisik dari indikator ini %(t)s; realisasi fisiknya "
                "belum dilaporkan."
            ) % {
                "q": quarter_label(report.quarter),
                "y": report.year,
                "t": _pct_short(ind.physical_target_pct),
            }
        return _(
            "Pada %(q)s TA %(y)s realisasi fisik indikator ini %(r)s; target antaranya belum "
            "ditetapkan dalam rencana aksi."
        ) % {
            "q": quarter_label(report.quarter),
            "y": report.year,
            "r": _pct_short(ind.physical_realised_pct),
        }
    return _(
        "Pada %(q)s TA %(y)s target fisik dari indikator ini %(t)s dengan realisasi fisik %(r)s."
    ) % {
        "q": quarter_label(report.quarter),
        "y": report.year,
        "t": _pct_short(ind.physical_target_pct),
        "r": _pct_short(ind.physical_realised_pct),
    }


def verdict_sentence(ind: IndicatorResult, report: QuarterlyReport) -> SafeString:
    until = until_quarter(report.quarter)
    if ind.achieved is None:
        return format_html(
            _(
                "Sampai dengan {} capaian indikator kinerja ini belum dapat dibandingkan dengan "
                "target yang ditetapkan."
            ),
            quarter_label(report.quarter),
        )
    word = _("berhasil") if ind.achieved else _("belum berhasil")
    return format_html(
        _(
            "Dari data di atas, dengan membandingkan realisasi dan target, maka {} indikator "
            "kinerja ini <strong>{}</strong> mencapai target yang ditetapkan (capaian {})."
        ),
        until,
        word,
        percent(ind.achievement_pct),
    )


def _relation(current: Decimal, previous: Decimal) -> str:
    if current == previous:
        return _("sama dengan")
    return _("lebih tinggi daripada") if current > previous else _("lebih rendah daripada")


def comparison_sentence(ind: IndicatorResult, report: QuarterlyReport) -> str:
    """The comparison with the same quarter of last year: physical progress, and the
    indicator's realisation where last year's is known."""
    q, year, prev_year = quarter_label(report.quarter), report.year, report.year - 1
    previous, current = ind.previous_physical_pct, ind.physical_realised_pct
    parts = []
    if previous is not None and current is not None:
        parts.append(
            _(
                "Bila dibandingkan dengan %(q)s tahun anggaran sebelumnya, realisasi fisik pada "
                "tahun %(y)s sebesar %(c)s %(rel)s realisasi fisik tahun %(p)s sebesar %(pv)s."
            )
            % {
                "q": q,
                "y": year,
                "c": _pct_short(current),
                "rel": _relation(current, previous),
                "p": prev_year,
                "pv": _pct_short(previous),
            }
        )
    if ind.previous_realisation is not None and ind.realisation is not None:
        text = _(
            "Realisasi indikator %(until)s tahun %(y)s sebesar %(r)s %(u)s %(rel)s realisasi "
            "%(q)s tahun %(p)s sebesar %(pr)s %(u)s"
        ) % {
            "until": until_quarter(report.quarter),
            "y": year,
            "r": smart(ind.realisation),
            "u": _unit_word(ind),
            "rel": _relation(ind.realisation, ind.previous_realisation),
            "q": q,
            "p": prev_year,
            "pr": smart(ind.previous_realisation),
        }
        if ind.previous_achievement_pct is not None:
            text += " " + _("(capaian %(a)s)") % {"a": percent(ind.previous_achievement_pct)}
        parts.append(text + ".")
    if parts:
        return " ".join(parts)
    return _(
        "Data %(q)s tahun %(p)s untuk indikator ini belum tersedia, sehingga perbandingan "
        "dengan tahun anggaran sebelumnya belum dapat dilakukan."
    ) % {"q": q, "p": prev_year}


def output_sentence(output: OutputRow, report: QuarterlyReport) -> str:
    """The output's financial and physical realisation against its plan; a part without data
    is said once to be not yet available (never a dash in a sentence)."""
    until = ucfirst(until_quarter(report.quarter))
    parts = []
    if output.spending_pct is not None:
        parts.append(
            _("total realisasi keuangan pada output ini adalah %(r)s")
            % {"r": percent(output.spending_pct)}
            + (
                _(" dari target keuangan %(s)s") % {"s": percent(output.planned_financial_pct)}
                if output.planned_financial_pct is not None
                else ""
            )
        )
    if output.physical_pct is not None:
        parts.append(
            _("realisasi fisiknya %(pr)s") % {"pr": percent(output.physical_pct)}
            + (
                _(" dari target fisik %(ps)s") % {"ps": percent(output.planned_physical_pct)}
                if output.planned_physical_pct is not None
                else ""
            )
        )
    if not parts:
        return _("%(until)s data realisasi keuangan dan fisik output ini belum tersedia.") % {
            "until": until
        }
    text = f"{until} " + _(", adapun ").join(parts) + "."
    if output.physical_pct is None:
        text += " " + _("Data realisasi fisik output ini belum tersedia.")
    return text


def achieved_word(actual: Decimal | None, target: Decimal | None) -> str:
    """'mencapai' / 'belum mencapai' for an overall realisation vs its target (BAB IV)."""
    if actual is None or target is None:
        return _("belum dapat dibandingkan dengan")
    return _("mencapai") if actual >= target else _("belum mencapai")


def rupiah_with_words(amount: Decimal | None) -> str:
    """'Rp 20.535.869.000 (Dua Puluh Miliar ... Rupiah)'."""
    if amount is None:
        return DASH
    return f"{rupiah(amount)} ({rupiah_words(amount)})"


# --- figures the report object does not carry ------------------------------------------------
