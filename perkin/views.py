"""Entry of the monthly facts by planning staff, approval by the head, evidence downloads."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest

from perkin import access
from perkin.models import Evidence


@login_required
def evidence_download(request: HttpRequest, code: str, pk: int) -> FileResponse:
    """An uploaded evidence file, only for users who may read its unit, as an attachment."""
    unit = access.get_unit_for_user(request.user, code)
    evidence = (
        Evidence.objects.filter(pk=pk, realisation__indicator__goal__agreement__unit=unit)
        .exclude(file="")
        .first()
    )
    if evidence is None:
        raise Http404("Bukti dukung tidak ditemukan.")
    name = Path(evidence.file.name).name
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return FileResponse(
        evidence.file.open("rb"), as_attachment=True, filename=name, content_type=content_type
    )
