"""The annex of findings printed at the end of every export while the report is not clean: the
error findings still open (which make the report a draft), the warnings, and the findings the
head acknowledged with a reason (who and when)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext as _

from reports.engine.findings import ERROR, WARNING, Finding

if TYPE_CHECKING:
    from reports.engine.report import QuarterlyReport


@dataclass
class AnnexRow:
    number: int
    severity_label: str
    subject: str
    message: str
    reason: str = ""
    acknowledged: str = ""  # "Arya Yudistira, 03-02-2025 10:15"


@dataclass
class AnnexSection:
    title: str  # "A. Temuan kesalahan yang belum diselesaikan"
    rows: list[AnnexRow]
    with_reason: bool  # the acknowledged findings add the reason and who accepted it


@dataclass
class Annex:
    is_draft: bool
    open_errors: list[AnnexRow] = field(default_factory=list)
    warnings: list[AnnexRow] = field(default_factory=list)
    acknowledged: list[AnnexRow] = field(default_factory=list)

    @property
    def title(self) -> str:
        return _("LAMPIRAN: TEMUAN PEMERIKSAAN KONSISTENSI")

    @property
    def sections(self) -> list[AnnexSection]:
        """The three sections in print order, each always named (an empty one says so), so the
        letters run A, B, C in every format."""
        return [
            AnnexSection(_("A. Temuan kesalahan yang belum diselesaikan"), self.open_errors, False),
            AnnexSection(
                _("B. Temuan yang diterima oleh kepala unit kerja"), self.acknowledged, True
            ),
            AnnexSection(_("C. Peringatan"), self.warnings, False),
        ]

    @property
    def draft_note(self) -> str:
        """The annex's opening sentence while the report is a draft."""
        return _(
            "Laporan ini masih DRAF: %(n)s temuan kesalahan belum diperbaiki pada data atau "
            "diterima oleh kepala unit kerja dengan alasan."
        ) % {"n": len(self.open_errors)}

    @property
    def draft_line(self) -> str:
        """The mark every page of a draft carries."""
        return _("DRAF · %(n)s temuan kesalahan belum diselesaikan (lihat Lampiran)") % {
            "n": len(self.open_errors)
        }


def _label(f: Finding) -> str:
    return _("Kesalahan") if f.severity == ERROR else _("Peringatan")


def _who(ack) -> str:
    user = ack.acknowledged_by
    name = (user.get_full_name() or user.get_username()) if user else ""
    when = timezone.localtime(ack.acknowledged_at).strftime("%d-%m-%Y %H:%M")
    return f"{name}, {when}" if name else when


def build_annex(report: QuarterlyReport) -> Annex | None:
    """The annex, or None when there is nothing to list (no open finding, none acknowledged)."""
    acknowledged = report.acknowledged_findings
    taken = {f.fingerprint for f, _a in acknowledged}
    errors = report.open_errors
    warnings = [f for f in report.checks if f.severity == WARNING and f.fingerprint not in taken]
    if not (errors or warnings or acknowledged):
        return None
    annex = Annex(is_draft=report.is_draft)
    annex.open_errors = [
        AnnexRow(i, _label(f), f.subject, f.message) for i, f in enumerate(errors, start=1)
    ]
    annex.warnings = [
        AnnexRow(i, _label(f), f.subject, f.message) for i, f in enumerate(warnings, start=1)
    ]
    annex.acknowledged = [
        AnnexRow(i, _label(f), f.subject, f.message, a.reason, _who(a))
        for i, (f, a) in enumerate(acknowledged, start=1)
    ]
    return annex
