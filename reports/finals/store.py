"""Final versions: the head finalises a locked quarter whose error findings are all fixed or
acknowledged; its PDF (with an empty signature field), workbook and JSON are rendered once and
stored with their SHA-256, numbered per quarter. A later version (after the quarter was
unlocked and changed) needs a reason. ``render_final_version`` is the plain function a job
queue can call."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from perkin.models import QuarterLock, WorkUnit
from reports.engine.report import QuarterlyReport
from reports.exporters import get_exporter, report_for_export
from reports.exporters.html_export import render_report_html
from reports.exporters.pdf_export import render_pdf
from reports.finals.signature import SignatureRefused, check_signed, with_signature_field
from reports.models import FinalVersion, FindingAcknowledgement

FILES = {
    "pdf": ("pdf", "pdf_sha256", "application/pdf"),
    "xlsx": ("xlsx", "xlsx_sha256", get_exporter("xlsx").content_type),
    "json": ("json", "json_sha256", "application/json"),
}


class FinalisationRefused(ValueError):
    """Why the quarter cannot be finalised now (message in Indonesian)."""


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


@dataclass(frozen=True)
class RenderedFinal:
    pdf: bytes
    xlsx: bytes
    json: bytes


def render_files(report: QuarterlyReport) -> RenderedFinal:
    """The three files of a final version from one computed report."""
    pdf = with_signature_field(render_pdf(render_report_html(report)))
    return RenderedFinal(
        pdf=pdf,
        xlsx=get_exporter("xlsx").render_bytes(report),
        json=get_exporter("json").render_bytes(report),
    )


def blockers(report: QuarterlyReport) -> list[str]:
    """Why the report cannot be finalised now ([] when it can)."""
    out = []
    if not report.locked:
        out.append(_("Triwulan ini belum dikunci (disetujui) oleh kepala unit kerja."))
    if report.open_errors:
        out.append(
            _("Masih ada %(n)s temuan kesalahan yang belum diperbaiki atau diterima.")
            % {"n": len(report.open_errors)}
        )
    return out


def render_final_version(
    *, unit: WorkUnit, year: int, quarter: int, user, reason: str = "", now: datetime | None = None
) -> FinalVersion:
    """Renders and stores the next final version of (unit, year, quarter); raises
    FinalisationRefused when the quarter is not locked, an error finding is open, or a later
    version is asked for without a reason."""
    report = report_for_export(unit, year, quarter)
    problems = blockers(report)
    if problems:
        raise FinalisationRefused(" ".join(problems))
    reason = (reason or "").strip()
    versions = FinalVersion.objects.filter(unit=unit, year=year, quarter=quarter)
    if not reason and versions.exists():  # before rendering: a refusal costs no PDF
        raise FinalisationRefused(
            _("Versi final sudah ada: versi baru memerlukan alasan perubahan.")
        )
    files = render_files(report)
    with transaction.atomic():
        # the lock row is taken so that the quarter cannot be unlocked meanwhile
        lock = (
            QuarterLock.objects.select_for_update()
            .filter(unit=unit, year=year, quarter=quarter, locked=True)
            .first()
        )
        if lock is None:
            raise FinalisationRefused(_("Triwulan ini dibuka kembali sebelum difinalkan."))
        previous = (
            FinalVersion.objects.filter(unit=unit, year=year, quarter=quarter)
            .only("number", "pdf_sha256")
            .order_by("-number")
            .first()
        )
        latest = previous.number if previous else None
        if latest and not reason:
            raise FinalisationRefused(
                _("Versi final %(n)s sudah ada: versi baru memerlukan alasan perubahan.")
                % {"n": latest}
            )
        if previous and previous.pdf_sha256 == sha256(files.pdf):
            raise FinalisationRefused(
                _(
                    "Laporan tidak berubah sejak versi final %(n)s: versi baru dibuat setelah "
                    "triwulan dibuka kembali dan datanya diperbaiki."
                )
                % {"n": latest}
            )
        try:
            return FinalVersion.objects.create(
                unit=unit,
                year=year,
                quarter=quarter,
                number=(latest or 0) + 1,
                reason=reason,
                created_by=user,
                created_at=now or timezone.now(),
                pdf=files.pdf,
                pdf_sha256=sha256(files.pdf),
                xlsx=files.xlsx,
                xlsx_sha256=sha256(files.xlsx),
                json=files.json,
                json_sha256=sha256(files.json),
                acknowledged_count=len(report.acknowledged_findings),
            )
        except IntegrityError as exc:  # finalised concurrently
            raise FinalisationRefused(
                _("Versi final sedang dibuat oleh pengguna lain; muat ulang halaman.")
            ) from exc


def final_file(version: FinalVersion, fmt: str) -> tuple[bytes, str]:
    """(content, content type) of a stored final file, checked against its stored hash."""
    attr, hash_attr, content_type = FILES[fmt]
    content = bytes(getattr(version, attr))
    if sha256(content) != getattr(version, hash_attr):
        raise RuntimeError(f"final {version} {fmt}: stored content does not match its hash")
    return content, content_type


@transaction.atomic
def accept_signed(*, version: FinalVersion, signed: bytes, user, now=None) -> FinalVersion:
    """Keeps a signed PDF of the final version as the official report after verifying it;
    raises SignatureRefused with an Indonesian message otherwise."""
    version = FinalVersion.objects.select_for_update().get(pk=version.pk)
    if version.is_signed:
        raise SignatureRefused(
            _("Versi final %(n)s sudah memiliki laporan resmi yang ditandatangani.")
            % {"n": version.number}
        )
    check = check_signed(signed, bytes(version.pdf))
    version.signed_pdf = signed
    version.signed_sha256 = sha256(signed)
    version.signer = check.signer[:300]
    version.signed_at = check.signed_at or now or timezone.now()
    version.signed_uploaded_by = user
    version.save(
        update_fields=[
            "signed_pdf",
            "signed_sha256",
            "signer",
            "signed_at",
            "signed_uploaded_by",
        ]
    )
    return version


@transaction.atomic
def acknowledge(*, unit: WorkUnit, year: int, quarter: int, finding, reason: str, user):
    """Records the head's acknowledgement of a finding with its reason."""
    reason = (reason or "").strip()
    if not reason:
        raise ValueError(_("Alasan wajib diisi untuk menerima temuan."))
    ack, _created = FindingAcknowledgement.objects.get_or_create(
        unit=unit,
        year=year,
        quarter=quarter,
        fingerprint=finding.fingerprint,
        defaults={
            "code": finding.code,
            "subject": finding.subject[:200],
            "message": finding.message,
            "reason": reason,
            "acknowledged_by": user,
        },
    )
    return ack
