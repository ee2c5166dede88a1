"""Sortable dashboard tables (django-tables2) over rows of the computed report, each
downloadable as CSV and XLSX. Screens show Indonesian-formatted numbers; downloads carry the
numbers as numbers (reports/dashboard/downloads.py), so a spreadsheet can compute with them."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from perkin.formatting import DASH, number, percent, rupiah, smart
from reports.engine.report import QuarterlyReport


class NumberColumn(tables.Column):
    """A right-aligned numeric column formatted the Indonesian way."""

    def __init__(self, *args, fmt: str = "number", **kwargs):
        self.fmt = fmt
        attrs = kwargs.pop("attrs", {})
        attrs.setdefault("td", {"class": "num"})
        attrs.setdefault("th", {"class": "num"})
        super().__init__(*args, attrs=attrs, **kwargs)

    def render(self, value):
        if self.fmt == "int":
            return number(value, 0)
        return {"pct": percent, "rp": rupiah, "smart": smart}.get(self.fmt, number)(value)


class BaseTable(tables.Table):
    class Meta:
        attrs = {"class": "data"}
        orderable = True
        empty_text = _("Belum ada data.")
        template_name = "reports/_lean_table.html"

    def __init__(self, *args, **kwargs):
        # A subclass without its own Meta does not inherit this one (django-tables2 reads only
        # the class's own Meta), so the cell default is passed here: a missing value reads "-"
        # as in the report, not django-tables2's em dash beside a "-" in the next column.
        kwargs.setdefault("default", DASH)
        super().__init__(*args, **kwargs)


class IndicatorTable(BaseTable):
    code = tables.Column(verbose_name=_("Kode"))
    name = tables.Column(verbose_name=_("Indikator kinerja"))
    target = NumberColumn(verbose_name=_("Target"), fmt="smart")
    unit = tables.Column(verbose_name=_("Satuan"))
    realisation = NumberColumn(verbose_name=_("Realisasi"), fmt="smart")
    achievement_pct = NumberColumn(verbose_name=_("Capaian"), fmt="pct")
    status = tables.Column(verbose_name=_("Status"))
    physical_target_pct = NumberColumn(verbose_name=_("Target fisik"), fmt="pct")
    physical_realised_pct = NumberColumn(verbose_name=_("Realisasi fisik"), fmt="pct")

    def render_status(self, value, record):
        css = {"Tercapai": "status-ok", "Belum tercapai": "status-bad"}.get(value, "muted")
        icon = {"Tercapai": "✔", "Belum tercapai": "✖"}.get(value, "…")
        return format_html('<span class="{}">{} {}</span>', css, icon, value)


class OutputTable(BaseTable):
    short_code = tables.Column(verbose_name=_("KRO"))
    name = tables.Column(verbose_name=_("Uraian"))
    pagu = NumberColumn(verbose_name=_("Pagu"), fmt="rp")
    spent = NumberColumn(verbose_name=_("Realisasi"), fmt="rp")
    spending_pct = NumberColumn(verbose_name=_("Keuangan R"), fmt="pct")
    planned_financial_pct = NumberColumn(verbose_name=_("Keuangan S"), fmt="pct")
    physical_pct = NumberColumn(verbose_name=_("Fisik R"), fmt="pct")
    planned_physical_pct = NumberColumn(verbose_name=_("Fisik S"), fmt="pct")


class RevenueTable(BaseTable):
    name = tables.Column(verbose_name=_("Jenis penerimaan"))
    group_name = tables.Column(verbose_name=_("Kelompok"))
    target = NumberColumn(verbose_name=_("Target"), fmt="rp")
    realisation = NumberColumn(verbose_name=_("Realisasi"), fmt="rp")
    previous_year = NumberColumn(verbose_name=_("Tahun lalu"), fmt="rp")
    growth_pct = NumberColumn(verbose_name=_("Pertumbuhan"), fmt="pct")


class ServiceTable(BaseTable):
    name = tables.Column(verbose_name=_("Jenis layanan"))
    unit_of_measure = tables.Column(verbose_name=_("Satuan"))
    current = NumberColumn(verbose_name=_("Tahun ini"), fmt="int")
    previous_year = NumberColumn(verbose_name=_("Tahun lalu"), fmt="int")
    growth_pct = NumberColumn(verbose_name=_("Pertumbuhan"), fmt="pct")


class UnitsTable(BaseTable):
    name = tables.Column(verbose_name=_("Unit kerja"), linkify=lambda record: record["url"])
    kind = tables.Column(verbose_name=_("Jenis"))
    # the fair summary the dashboard leads with (reports.calculations.summary): the median and
    # the mean with each achievement capped, not a plain mean that one huge achievement decides
    median_achievement_pct = NumberColumn(verbose_name=_("Capaian tengah (median)"), fmt="pct")
    capped_mean_achievement_pct = NumberColumn(
        verbose_name=_("Rata-rata capaian berbatas"), fmt="pct"
    )
    achieved = tables.Column(verbose_name=_("IK tercapai"), attrs={"td": {"class": "num"}})
    spending_pct = NumberColumn(verbose_name=_("Penyerapan"), fmt="pct")
    revenue_growth_pct = NumberColumn(verbose_name=_("Pertumbuhan PNBP"), fmt="pct")
    sakip = NumberColumn(verbose_name=_("Nilai SAKIP"))
    sakip_category = tables.Column(verbose_name=_("Kategori SAKIP"))
    sakip_rank = NumberColumn(verbose_name=_("Peringkat SAKIP"), fmt="smart")
    financial = NumberColumn(verbose_name=_("Nilai lap. keuangan"))
    financial_rank = NumberColumn(verbose_name=_("Peringkat lap. keuangan"), fmt="smart")


def indicator_rows(report: QuarterlyReport) -> list[dict]:
    def status(i):
        if i.achieved is None:
            return "Belum ada data"
        return "Tercapai" if i.achieved else "Belum tercapai"

    return [
        {
            "code": i.code,
            "name": i.name,
            "target": i.target,
            "unit": i.unit,
            "realisation": i.realisation,
            "achievement_pct": i.achievement_pct,
            "status": status(i),
            "physical_target_pct": i.physical_target_pct,
            "physical_realised_pct": i.physical_realised_pct,
        }
        for i in report.indicators
    ]


def dashboard_tables(report: QuarterlyReport) -> dict[str, tables.Table]:
    """The dashboard's tables, keyed by the name used in the export links (?_export=csv&t=...)."""
    out: dict[str, tables.Table] = {
        "indikator": IndicatorTable(indicator_rows(report), prefix="ik-"),
        "pnbp": RevenueTable([vars(ln) for ln in report.revenue.lines], prefix="pn-"),
        "layanan": ServiceTable([vars(k) for k in report.services.kinds], prefix="ly-"),
    }
    if report.budget:
        out["output"] = OutputTable([vars(o) for o in report.budget.outputs], prefix="out-")
    return out
