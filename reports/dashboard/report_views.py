"""The quarterly PP 39 report: the report page (the whole document, the consistency findings,
download buttons) and the downloads (PDF and workbook served from the cache while the facts
behind them are unchanged). Views fetch and render; every figure comes from the report."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from perkin.access import Action, can, get_unit_for_user, unit_for
from perkin.models import Agreement, WorkUnit
from reports.checks import build_quarterly_report
from reports.dashboard.periods import selected_period
from reports.exporters.cache import (
    CACHED_FORMATS,
    computed_report,
    data_version,
    export_report,
    reuse,
    stored_file,
)
from reports.exporters.html_export import REPORT_LANGUAGE
from reports.finals import store as finals
from reports.finals.signature import SignatureRefused
from reports.jobs.queue import request_file, runs_inline
from reports.models import FinalVersion, ReportCache, ReportJob
from reports.pp39.document import build_document
from reports.pp39.narrative import quarter_label

DOWNLOADS = [
    ("pdf", "PDF"),
    ("xlsx", "Excel"),
    ("docx", "Word"),
    ("html", "HTML"),
    ("json", "JSON"),
]
SIGNED_MAX_BYTES = 50 * 1024 * 1024


def _years(unit: WorkUnit, year: int) -> list[int]:
    years = set(Agreement.objects.filter(unit=unit).values_list("year", flat=True))
    return sorted(years | {year}, reverse=True)


def _document(quarterly) -> tuple[dict[str, str], str]:
    """The PP 39 document's words (title, period) and its HTML, always in Indonesian."""
    with translation.override(REPORT_LANGUAGE):
        doc = build_document(quarterly)
        html = render_to_string("reports/pp39/_document.html", {"doc": doc, "report": quarterly})
    return doc.words, html


@login_required
def report(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_unit_for_user(request.user, code)
    year, quarter = selected_period(request, unit)
    version = data_version(unit, year, quarter)
    quarterly = computed_report(unit, year, quarter, version=version)
    words, document_html = reuse(
        unit, year, quarter, "document", lambda: _document(quarterly), version=version
    )
    downloads = [
        (label, reverse("reports:report_download", args=[unit.code, year, quarter, fmt]))
        for fmt, label in DOWNLOADS
    ]
    ctx = {
        "unit": unit,
        "year": year,
        "quarter": quarter,
        "years": _years(unit, year),
        "quarters": [(q, quarter_label(q)) for q in (1, 2, 3, 4)],
        "report": quarterly,
        "words": words,
        "document_html": document_html,
        "findings": quarterly.checks,
        "error_count": sum(1 for f in quarterly.checks if f.severity == "error"),
        "downloads": downloads,
        "files": _file_states(unit, year, quarter, version),
        **_finals_context(request, unit, quarterly),
    }
    return render(request, "reports/pp39/report_page.html", ctx)


def _file_states(unit: WorkUnit, year: int, quarter: int, version: str) -> list[dict]:
    """The stored formats' state for the facts of data version `version`: ready, being prepared
    (with the job's progress) or not yet asked for. Inline (no broker) a file is rendered when
    downloaded."""
    if runs_inline():
        return []
    ready = set(
        ReportCache.objects.filter(
            unit_code=unit.code, year=year, quarter=quarter, data_version=version
        ).values_list("fmt", flat=True)
    )
    jobs = {
        j.fmt: j
        for j in ReportJob.objects.filter(
            unit=unit, year=year, quarter=quarter, data_version=version
        )
    }
    labels = dict(DOWNLOADS)
    return [
        _job_state(unit, year, quarter, fmt, labels.get(fmt, fmt), fmt in ready, jobs.get(fmt))
        for fmt in sorted(CACHED_FORMATS)
    ]


def _job_state(unit, year, quarter, fmt, label, ready: bool, job: ReportJob | None) -> dict:
    return {
        "fmt": fmt,
        "label": label,
        "ready": ready or bool(job and job.status == ReportJob.Status.DONE),
        "status": job.status if job else "",
        "status_label": job.get_status_display() if job else "",
        "progress": 100 if ready else (job.progress if job else 0),
        "error": job.status == ReportJob.Status.FAILED if job else False,
        "download_url": reverse("reports:report_download", args=[unit.code, year, quarter, fmt]),
        "status_url": reverse("reports:report_job", args=[unit.code, job.pk]) if job else "",
    }


def _finals_context(request: HttpRequest, unit: WorkUnit, report) -> dict:
    """What the report page shows about acknowledging findings and final versions."""
    head = can(request.user, Action.APPROVE, unit)
    acknowledged = {f.fingerprint: a for f, a in report.acknowledged_findings}
    return {
        "can_finalise": head,
        "final_formats": [("pdf", "PDF"), ("xlsx", "Excel"), ("json", "JSON")],
        "acknowledged": acknowledged,
        "open_error_count": len(report.open_errors),
        "final_blockers": finals.blockers(report),
        "final_versions": list(
            FinalVersion.objects.filter(unit=unit, year=report.year, quarter=report.quarter)
            .select_related("created_by")
            .defer("pdf", "xlsx", "json", "signed_pdf")
            .order_by("-number")
        ),
    }


@login_required
def report_download(
    request: HttpRequest, code: str, year: int, quarter: int, fmt: str
) -> HttpResponse:
    unit = get_unit_for_user(request.user, code)
    if not (2000 <= year <= 2100 and 1 <= quarter <= 4) or fmt not in dict(DOWNLOADS):
        raise Http404(_("Laporan tidak ditemukan."))
    if fmt in CACHED_FORMATS and not runs_inline():
        # files come from storage; one not rendered yet is queued (once, however many ask)
        version = data_version(unit, year, quarter)
        rendered = stored_file(unit, year, quarter, fmt, version)
        if rendered is None:
            job = request_file(unit, year, quarter, fmt, version=version)
            return _preparing(request, unit, job)
    else:
        rendered = export_report(unit, year, quarter, fmt)
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    disposition = "inline" if fmt == "html" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{rendered.filename}"'
    response["X-Report-Cache"] = "hit" if rendered.cached else "miss"
    return response


def _preparing(request: HttpRequest, unit: WorkUnit, job: ReportJob) -> HttpResponse:
    """202: the file is being prepared; the page follows the job and downloads it when ready
    (a program follows the X-Report-Job URL)."""
    state = _job_state(
        unit, job.year, job.quarter, job.fmt, dict(DOWNLOADS).get(job.fmt), False, job
    )
    ctx = {"unit": unit, "year": job.year, "quarter": job.quarter, "file": state}
    response = render(request, "reports/pp39/preparing.html", ctx, status=202)
    response["X-Report-Job"] = state["status_url"]
    return response


@login_required
def report_job(request: HttpRequest, code: str, pk: int) -> JsonResponse:
    """A report file's job: its status and progress, and where to download it once ready."""
    unit = get_unit_for_user(request.user, code)
    job = get_object_or_404(ReportJob, pk=pk, unit=unit)
    state = _job_state(
        unit, job.year, job.quarter, job.fmt, dict(DOWNLOADS).get(job.fmt), False, job
    )
    return JsonResponse(
        {
            "status": state["status"],
            "status_label": str(state["status_label"]),
            "progress": state["progress"],
            "ready": state["ready"],
            "failed": state["error"],
            "download_url": state["download_url"],
        }
    )


# --- acknowledging findings, final versions and the signed report (issue 11) ---------------


def _period_from_post(request: HttpRequest) -> tuple[int, int]:
    try:
        year, quarter = int(request.POST.get("year", "")), int(request.POST.get("q", ""))
    except ValueError as exc:
        raise Http404(_("Laporan tidak ditemukan.")) from exc
    if not (2000 <= year <= 2100 and 1 <= quarter <= 4):
        raise Http404(_("Laporan tidak ditemukan."))
    return year, quarter


def _back(unit: WorkUnit, year: int, quarter: int, anchor: str = "") -> HttpResponse:
    url = reverse("reports:report", args=[unit.code]) + f"?year={year}&q={quarter}"
    return redirect(url + (f"#{anchor}" if anchor else ""))


@login_required
@require_POST
def finding_acknowledge(request: HttpRequest, code: str) -> HttpResponse:
    unit = unit_for(request.user, code, Action.APPROVE)
    year, quarter = _period_from_post(request)
    report = build_quarterly_report(unit, year, quarter)
    fingerprint = request.POST.get("finding", "")
    finding = next((f for f in report.checks if f.fingerprint == fingerprint), None)
    if finding is None:
        messages.error(request, _("Temuan tidak ditemukan; mungkin datanya sudah diperbaiki."))
    elif not request.POST.get("reason", "").strip():
        messages.error(request, _("Alasan wajib diisi untuk menerima temuan."))
    else:
        finals.acknowledge(
            unit=unit,
            year=year,
            quarter=quarter,
            finding=finding,
            reason=request.POST["reason"],
            user=request.user,
        )
        messages.success(request, _("Temuan diterima dengan alasan dan dicatat di lampiran."))
    return _back(unit, year, quarter, "temuan")


@login_required
@require_POST
def report_finalise(request: HttpRequest, code: str) -> HttpResponse:
    unit = unit_for(request.user, code, Action.APPROVE)
    year, quarter = _period_from_post(request)
    try:
        version = finals.render_final_version(
            unit=unit,
            year=year,
            quarter=quarter,
            user=request.user,
            reason=request.POST.get("reason", ""),
        )
    except finals.FinalisationRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Versi final %(n)s disimpan.") % {"n": version.number})
    return _back(unit, year, quarter, "versi-final")


def _version_for_user(request: HttpRequest, code: str, pk: int) -> FinalVersion:
    unit = get_unit_for_user(request.user, code)
    version = FinalVersion.objects.filter(pk=pk, unit=unit).first()
    if version is None:
        raise Http404(_("Versi final tidak ditemukan."))
    return version


@login_required
def final_download(request: HttpRequest, code: str, pk: int, fmt: str) -> HttpResponse:
    version = _version_for_user(request, code, pk)
    stem = f"laporan-pp39-{version.unit.code.lower()}-{version.year}-tw{version.quarter}"
    if fmt == "resmi":
        if not version.is_signed:
            raise Http404(_("Laporan resmi yang ditandatangani belum diunggah."))
        content, content_type = bytes(version.signed_pdf), "application/pdf"
        filename = f"{stem}-v{version.number}-ditandatangani.pdf"
    elif fmt in finals.FILES:
        content, content_type = finals.final_file(version, fmt)
        filename = f"{stem}-final-v{version.number}.{fmt}"
    else:
        raise Http404(_("Laporan tidak ditemukan."))
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_POST
def final_signed_upload(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    unit_for(request.user, code, Action.APPROVE)
    version = _version_for_user(request, code, pk)
    upload = request.FILES.get("signed")
    if upload is None:
        messages.error(request, _("Pilih berkas PDF yang sudah ditandatangani."))
    elif upload.size > SIGNED_MAX_BYTES:
        messages.error(request, _("Berkas PDF bertanda tangan terlalu besar (maksimum 50 MB)."))
    else:
        try:
            finals.accept_signed(version=version, signed=upload.read(), user=request.user)
        except SignatureRefused as exc:
            messages.error(request, _("PDF ditolak: %(e)s") % {"e": exc})
        else:
            messages.success(
                request,
                _("Tanda tangan terverifikasi; PDF disimpan sebagai laporan resmi versi %(n)s.")
                % {"n": version.number},
            )
    return _back(version.unit, version.year, version.quarter, "versi-final")
