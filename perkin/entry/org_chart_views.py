"""The organisation chart of a unit for a year (Gambar 1.1 of the PP 39 report): uploaded as a
PNG or JPEG image (type read from the bytes, at most 2 MB), shown and replaced here."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from perkin import access, services
from perkin.access import Action
from perkin.models import OrganisationChart
from perkin.models.prior import ORG_CHART_MAX_BYTES


def _year(year: int) -> int:
    if not 2000 <= year <= 2100:
        raise Http404(_("Tahun tidak ditemukan."))
    return year


@login_required
def org_chart(request: HttpRequest, code: str, year: int) -> HttpResponse:
    unit = access.unit_for(request.user, code, Action.OPEN_ENTRY)
    year = _year(year)
    can_edit = access.can(request.user, Action.EDIT_SETUP, unit)
    if request.method == "POST":
        access.require(can_edit)
        upload = request.FILES.get("image")
        if upload is None:
            messages.error(request, _("Pilih berkas gambar struktur organisasi (PNG atau JPEG)."))
        elif upload.size > ORG_CHART_MAX_BYTES:
            messages.error(request, _("Berkas struktur organisasi terlalu besar (maksimum 2 MB)."))
        else:
            try:
                services.organisation_chart_save(
                    unit=unit,
                    year=year,
                    content=upload.read(),
                    filename=upload.name,
                    user=request.user,
                )
            except ValidationError as exc:  # too large, not an image, or a locked year
                for error in exc.messages:
                    messages.error(request, error)
            else:
                messages.success(request, _("Struktur organisasi disimpan."))
        return redirect(reverse("entry:org_chart", args=[unit.code, year]))
    chart = (
        OrganisationChart.objects.filter(unit=unit, year=year)
        .defer("content")
        .select_related("uploaded_by")
        .first()
    )
    ctx = {"unit": unit, "year": year, "chart": chart, "can_edit": can_edit}
    return render(request, "entry/org_chart.html", ctx)


@login_required
def org_chart_image(request: HttpRequest, code: str, year: int) -> HttpResponse:
    unit = access.get_unit_for_user(request.user, code)
    chart = OrganisationChart.objects.filter(unit=unit, year=_year(year)).first()
    if chart is None:
        raise Http404(_("Struktur organisasi belum diunggah."))
    response = HttpResponse(bytes(chart.content), content_type=chart.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response
