"""Entry of the monthly facts by planning staff, approval by the head, evidence downloads."""

from __future__ import annotations

import mimetypes
from datetime import date
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from perkin import access, services
from perkin.access import Action
from perkin.calendar import MONTH_NAMES, quarter_of
from perkin.converters import parse_int
from perkin.entry.forms import RealisationForm, ReasonForm
from perkin.entry.navigation import month_navigation, no_year_page, setup_years
from perkin.locks import month_locks, month_refusal
from perkin.models import (
    ActionPlanStep,
    Agreement,
    Evidence,
    Indicator,
    MonthlyRealisation,
    QuarterLock,
    WorkUnit,
)


def _indicators(unit: WorkUnit, year: int) -> list[Indicator]:
    return list(
        Indicator.objects.filter(goal__agreement__unit=unit, goal__agreement__year=year)
        .select_related("goal__agreement", "team")
        .order_by("-goal__agreement__revision_no", "goal__number", "number")
    )


@login_required
def entry_today(request: HttpRequest, code: str) -> HttpResponse:
    unit = access.unit_for(request.user, code, Action.OPEN_ENTRY)
    today = date.today()
    years = set(Agreement.objects.filter(unit=unit).values_list("year", flat=True))
    if today.year in years or not years:
        return redirect("entry:entry", code=unit.code, year=today.year, month=today.month)
    return redirect("entry:entry", code=unit.code, year=max(years), month=12)


@login_required
def entry(request: HttpRequest, code: str, year: int, month: int) -> HttpResponse:
    """The month's realisations: plan beside inputs; save as draft or submit."""
    if not 1 <= month <= 12:
        raise Http404
    unit = access.unit_for(request.user, code, Action.OPEN_ENTRY)
    user = request.user
    all_indicators = _indicators(unit, year)
    if not all_indicators:
        if request.method == "POST":
            raise Http404(_("Belum ada perjanjian kinerja untuk tahun ini."))
        return no_year_page(request, unit, year, month, setup_years(unit))
    unit_indicators = all_indicators
    # a PIC sees the months of their team's indicators only
    all_indicators = [i for i in all_indicators if access.can_read_indicator(user, i, unit)]
    editable = [i for i in all_indicators if access.can_edit_indicator(user, i, unit)]
    # the locks whose reports show this month (its quarter's, a later quarter's, next year's):
    # the page names the first, which the head may open with a reason
    blocking = month_locks(unit.pk, year, [month]).get(month, [])
    locked = (
        QuarterLock.objects.filter(unit=unit, year=blocking[0][0], quarter=blocking[0][1]).first()
        if blocking
        else None
    )
    rows = {
        (r.indicator_id, r.month): r
        for r in MonthlyRealisation.objects.filter(
            indicator__in=all_indicators, month__in=[month - 1, month]
        ).select_related("updated_by")
    }
    status = 200
    forms: dict[int, RealisationForm] = {}
    if request.method == "POST":
        if not editable:
            raise PermissionDenied(_("Peran Anda tidak mengizinkan perubahan realisasi."))
        _refuse_foreign_rows(request, unit, unit_indicators, editable)
        if locked:
            messages.error(request, month_refusal(year, [month]))
            status = 409
        else:
            result = _save(request, unit, year, month, editable, rows)
            if isinstance(result, HttpResponse):
                return result
            forms, status = result
    for ind in editable:
        if ind.pk not in forms:
            current = rows.get((ind.pk, month))
            forms[ind.pk] = RealisationForm(
                prefix=f"r{ind.pk}",
                initial={
                    "physical_pct": current.physical_pct if current else None,
                    "activities_done": current.activities_done if current else "",
                    "value_to_date": current.value_to_date if current else None,
                    "version": current.version if current else None,
                },
            )
    plan = {
        s.indicator_id: s
        for s in ActionPlanStep.objects.filter(indicator__in=all_indicators, month=month)
    }
    current_rows = [rows[(i.pk, month)] for i in all_indicators if (i.pk, month) in rows]
    evidence: dict[int, list[Evidence]] = {}
    for e in Evidence.objects.filter(realisation__in=current_rows).order_by("pk"):
        evidence.setdefault(e.realisation_id, []).append(e)
    items = []
    for ind in all_indicators:
        current = rows.get((ind.pk, month))
        previous = rows.get((ind.pk, month - 1))
        items.append(
            {
                "ind": ind,
                "form": forms.get(ind.pk),
                "plan": plan.get(ind.pk),
                "current": current,
                "previous": previous,
                "evidence": evidence.get(current.pk, []) if current else [],
            }
        )
    statuses = [r.status for r in current_rows]
    returned = next((r for r in current_rows if r.status == "returned" and r.return_reason), None)
    m = access.membership(user)
    ctx = {
        "unit": unit,
        "year": year,
        "month": month,
        "month_name": MONTH_NAMES[month],
        "items": items,
        "can_edit": bool(editable) and not locked,
        "is_head": access.can(user, Action.APPROVE, unit),
        "show_money": access.can(user, Action.OPEN_MONEY, unit),
        "locked": locked,
        "also_locked": [f"Triwulan {q} {y}" for y, q in blocking[1:]],
        "quarter": quarter_of(month),
        "returned": returned,
        "counts": {s: statuses.count(s) for s in ("draft", "submitted", "returned", "approved")},
        "missing": len(all_indicators) - len(current_rows),
        "nav": month_navigation(
            unit,
            year,
            month,
            url_name="entry:entry",
            can_prepare=access.can(user, Action.EDIT_SETUP, unit),
        ),
        "months": [(n, MONTH_NAMES[n]) for n in range(1, 13)],
        "reason_form": ReasonForm(),
        "read_only_reason": _read_only_reason(user, unit, editable, all_indicators, m),
        "my_team": m.team if m and m.role == m.Role.PIC else None,
    }
    return render(request, "entry/entry.html", ctx, status=status)


def _read_only_reason(user, unit, editable, all_indicators, membership) -> str:
    """Why the page (or some of its rows) cannot be changed by this user ('' when all can)."""
    if len(editable) == len(all_indicators):
        return ""
    if not editable:
        if access.can(user, Action.APPROVE, unit):
            return _(
                "Sebagai kepala unit Anda menyetujui atau mengembalikan isian; realisasi diisi "
                "oleh perencana dan PIC."
            )
        if membership is not None and membership.role == membership.Role.PIC:
            return _(
                "Tim Anda belum ditetapkan sebagai PIC indikator tahun ini; minta perencana "
                "mengisi kolom tim pada indikator."
            )
        return _("Peran Anda hanya dapat membaca realisasi.")
    team = membership.team.name if membership and membership.team else ""
    return _(
        "Anda dapat mengisi indikator tim %(team)s; indikator tim lain hanya dapat dibaca."
    ) % {"team": team}


def _refuse_foreign_rows(request, unit, all_indicators, editable) -> None:
    """A posted row for an indicator the user may not edit: 403 within the unit, 404 outside."""
    editable_ids = {i.pk for i in editable}
    unit_ids = {i.pk for i in all_indicators}
    for key in request.POST:
        if not key.startswith("r") or "-" not in key:
            continue
        head = key.split("-", 1)[0][1:]
        if not head.isdigit():
            continue
        pk = int(head)
        if pk not in unit_ids:
            raise Http404(_("Indikator tidak ditemukan."))
        if pk not in editable_ids:
            raise PermissionDenied(_("Indikator ini bukan tanggung jawab tim Anda."))


def _save(request, unit, year, month, editable, rows):
    forms = {
        ind.pk: RealisationForm(request.POST, request.FILES, prefix=f"r{ind.pk}")
        for ind in editable
    }
    if not all(f.is_valid() for f in forms.values()):
        bad = [ind.code for ind in editable if forms[ind.pk].errors]
        messages.error(
            request,
            _("Tidak ada yang disimpan: periksa isian %(codes)s (ditandai merah).")
            % {"codes": ", ".join(bad)},
        )
        return forms, 400
    inputs = [
        services.RowInput(
            indicator=ind,
            physical_pct=forms[ind.pk].cleaned_data["physical_pct"],
            activities_done=forms[ind.pk].cleaned_data["activities_done"].strip(),
            value_to_date=forms[ind.pk].cleaned_data["value_to_date"],
            version=forms[ind.pk].cleaned_data["version"],
        )
        for ind in editable
    ]
    by_pk = {ind.pk: ind for ind in editable}
    try:
        with transaction.atomic():  # the rows, their evidence and the submission, or nothing
            saved, conflicts = services.realisations_save(
                unit=unit, year=year, month=month, rows=inputs, user=request.user
            )
            if conflicts:
                for c in conflicts:
                    messages.error(request, c.message)
                messages.error(
                    request,
                    _(
                        "Tidak ada yang disimpan. Periksa isian tersimpan di atas, lalu simpan ulang."
                    ),
                )
                return forms, 409
            evidence_count = _save_evidence(request, unit, year, month, forms, by_pk)
            submitted = 0
            if request.POST.get("action") == "submit":
                submitted = services.month_submit(
                    unit=unit, year=year, month=month, user=request.user, indicators=editable
                )
    except services.LockedPeriodError as exc:
        messages.error(request, exc.messages[0])
        return forms, 409
    except ValidationError as exc:
        for pk, errors in exc.message_dict.items():
            if pk.isdigit() and int(pk) in forms:
                for err in errors:
                    forms[int(pk)].add_error("physical_pct", err)
        messages.error(request, _("Tidak ada yang disimpan: periksa isian yang ditandai."))
        return forms, 400
    stamp = timezone.localtime().strftime("%H:%M")
    if saved:
        codes = ", ".join(by_pk[r.indicator_id].code for r in saved)
        messages.success(
            request,
            _("Tersimpan %(n)s indikator (%(codes)s) untuk %(month)s %(year)s pukul %(time)s.")
            % {
                "n": len(saved),
                "codes": codes,
                "month": MONTH_NAMES[month],
                "year": year,
                "time": stamp,
            },
        )
    elif not evidence_count and not submitted:
        messages.info(request, _("Tidak ada perubahan untuk disimpan."))
    if evidence_count:
        messages.success(request, _("%(n)s bukti dukung diunggah.") % {"n": evidence_count})
    if submitted:
        messages.success(
            request,
            _("%(month)s %(year)s diajukan untuk persetujuan (%(n)s indikator).")
            % {"month": MONTH_NAMES[month], "year": year, "n": submitted},
        )
    return redirect("entry:entry", code=unit.code, year=year, month=month)


def _save_evidence(request, unit, year, month, forms, by_pk) -> int:
    wanted = [
        pk
        for pk, f in forms.items()
        if f.cleaned_data.get("evidence_file") or f.cleaned_data.get("evidence_url")
    ]
    if not wanted:
        return 0
    rows = {
        r.indicator_id: r
        for r in MonthlyRealisation.objects.select_related("indicator__goal__agreement").filter(
            indicator_id__in=wanted, month=month
        )
    }
    count = 0
    for pk in wanted:
        realisation = rows.get(pk)
        if realisation is None:
            raise ValidationError(
                {str(pk): [_("Isi realisasi bulan ini sebelum mengunggah bukti dukung.")]}
            )
        data = forms[pk].cleaned_data
        services.evidence_add(
            realisation=realisation,
            unit=unit,
            file=data.get("evidence_file"),
            url=data.get("evidence_url") or "",
            description=data.get("evidence_description") or "",
            user=request.user,
        )
        count += 1
    return count


@login_required
@require_POST
def approve(request: HttpRequest, code: str, year: int, month: int) -> HttpResponse:
    unit = access.unit_for(request.user, code, Action.APPROVE)
    try:
        approval = services.month_approve(unit=unit, year=year, month=month, user=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("entry:entry", code=code, year=year, month=month)
    text = _("%(month)s %(year)s disetujui (%(n)s isian).") % {
        "month": MONTH_NAMES[month],
        "year": year,
        "n": approval.approved,
    }
    if approval.locked:
        text += " " + _("Triwulan %(q)s %(year)s kini dikunci.") % {
            "q": quarter_of(month),
            "year": year,
        }
    messages.success(request, text)
    if approval.blockers:
        messages.error(request, services.lock_refusal(year, quarter_of(month), approval.blockers))
    return redirect("entry:entry", code=code, year=year, month=month)


@login_required
@require_POST
def return_month(request: HttpRequest, code: str, year: int, month: int) -> HttpResponse:
    unit = access.unit_for(request.user, code, Action.APPROVE)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Alasan pengembalian wajib diisi."))
        return redirect("entry:entry", code=code, year=year, month=month)
    try:
        count = services.month_return(
            unit=unit, year=year, month=month, user=request.user, reason=form.cleaned_data["reason"]
        )
    except (services.LockedPeriodError, ValidationError) as exc:
        messages.error(request, exc.messages[0])
        return redirect("entry:entry", code=code, year=year, month=month)
    messages.success(
        request,
        _("%(month)s %(year)s dikembalikan ke perencana (%(n)s isian).")
        % {"month": MONTH_NAMES[month], "year": year, "n": count},
    )
    return redirect("entry:entry", code=code, year=year, month=month)


@login_required
@require_POST
def unlock(request: HttpRequest, code: str, year: int, quarter: int) -> HttpResponse:
    unit = access.unit_for(request.user, code, Action.APPROVE)
    form = ReasonForm(request.POST)
    # back to the month the head unlocked from (any month the lock kept closed)
    month = parse_int(request.POST.get("month"), 1, 12) or 3 * quarter
    if not form.is_valid():
        messages.error(request, _("Alasan membuka kunci wajib diisi."))
        return redirect("entry:entry", code=code, year=year, month=month)
    try:
        services.quarter_unlock(
            unit=unit,
            year=year,
            quarter=quarter,
            user=request.user,
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(
            request,
            _("Kunci triwulan %(q)s %(year)s dibuka; alasan dicatat.")
            % {"q": quarter, "year": year},
        )
    return redirect("entry:entry", code=code, year=year, month=month)


@login_required
def evidence_download(request: HttpRequest, code: str, pk: int) -> FileResponse:
    """An uploaded evidence file, only for users who may read its unit, as an attachment."""
    unit = access.get_unit_for_user(request.user, code)
    evidence = (
        Evidence.objects.filter(pk=pk, realisation__indicator__goal__agreement__unit=unit)
        .select_related("realisation__indicator")
        .exclude(file="")
        .first()
    )
    if evidence is None or not access.can_read_indicator(
        request.user, evidence.realisation.indicator, unit
    ):
        raise Http404(_("Bukti dukung tidak ditemukan."))
    name = Path(evidence.file.name).name
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(
        evidence.file.open("rb"), as_attachment=True, filename=name, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
