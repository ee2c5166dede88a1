"""Pages of the yearly setup that work on a whole year at once: preparing next year from this
one, every target of the year in one grid, every allocation of a DIPA revision in one grid."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from perkin import access
from perkin.access import Action
from perkin.entry import grids
from perkin.entry.grids import parse_number, show_value
from perkin.entry.navigation import setup_years
from perkin.entry.rollover import RolloverRefused, prepare_next_year, rollover_plan
from perkin.locks import LockedPeriodError


def _read_only_reason(user, unit) -> str:
    if access.can(user, Action.EDIT_SETUP, unit):
        return ""
    return _(
        "Hanya perencana unit yang dapat mengubah target dan pagu; halaman ini hanya untuk dibaca."
    )


@login_required
def rollover(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """What preparing next year copies; POST copies it and opens next year's targets."""
    unit = access.unit_for(request.user, code, Action.EDIT_SETUP)
    plan = rollover_plan(unit, year)
    status = 200
    if request.method == "POST":
        try:
            result = prepare_next_year(unit=unit, year=year, user=request.user)
        except RolloverRefused as exc:
            messages.error(request, str(exc))
            status = 409
            plan = rollover_plan(unit, year)
        else:
            messages.success(request, result.summary)
            messages.info(
                request,
                _("Langkah berikutnya: sesuaikan target %(year)s, lalu pagu DIPA awal.")
                % {"year": result.year},
            )
            return redirect("entry:targets", code=unit.code, year=result.year)
    ctx = {"unit": unit, "year": year, "plan": plan, "years": sorted(setup_years(unit))}
    return render(request, "entry/rollover.html", ctx, status=status)


@login_required
def targets(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """Every indicator target and PNBP target of the year in one grid, last year's beside."""
    unit = access.unit_for(request.user, code, Action.OPEN_ENTRY)
    indicators, lines = grids.target_rows(unit, year)
    if not indicators and not lines:
        raise Http404(_("Belum ada indikator untuk tahun ini."))
    read_only = _read_only_reason(request.user, unit)
    locked = grids.targets_refusal(unit, year)
    status = 200
    if request.method == "POST":
        access.require(not read_only)
        ok = grids.read_targets(indicators, request.POST) & grids.read_targets(lines, request.POST)
        if not ok:
            messages.error(request, _("Tidak ada yang disimpan: periksa target yang ditandai."))
            status = 400
        else:
            try:
                changed = grids.targets_save(
                    unit=unit,
                    year=year,
                    indicators=indicators,
                    lines=lines,
                    user=request.user,
                    state=request.POST.get("state", ""),
                )
            except ValidationError as exc:
                messages.error(request, exc.messages[0])
                status = 409
            else:
                messages.success(
                    request,
                    _("Target %(year)s tersimpan: %(n)s baris berubah.")
                    % {"year": year, "n": changed}
                    if changed
                    else _("Tidak ada perubahan untuk disimpan."),
                )
                return redirect("entry:targets", code=unit.code, year=year)
    for row in indicators + lines:
        if row.typed is None:
            row.typed = show_value(row.current, money=row.key.startswith("pnbp-"))
    ctx = {
        "unit": unit,
        "year": year,
        "indicators": indicators,
        "lines": lines,
        "previous_total": sum(r.previous or 0 for r in lines),
        "read_only": read_only,
        "locked": locked,
        "can_edit": not read_only and not locked,
        "revisions": grids.revisions_of(unit, year),
        "state": request.POST.get("state") if status != 200 else grids.targets_state(unit, year),
    }
    return render(request, "entry/targets.html", ctx, status=status)


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


@login_required
def allocations(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """Every allocation of a DIPA revision in one grid with its running total against the
    stated pagu (?revisi=N; the latest revision by default)."""
    unit = access.unit_for(request.user, code, Action.OPEN_ENTRY)
    revisions = grids.revisions_of(unit, year)
    if not revisions:
        raise Http404(_("Belum ada revisi DIPA untuk tahun ini."))
    wanted = request.GET.get("revisi") or request.POST.get("revisi")
    revision = next((r for r in revisions if str(r.number) == wanted), revisions[-1])
    rows = grids.allocation_rows(revision)
    read_only = _read_only_reason(request.user, unit)
    locked = grids.allocation_refusal(revision)
    stated_text = show_value(revision.stated_pagu, money=True)
    day_text = revision.date.isoformat()
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        access.require(not read_only)
        ok = grids.read_allocations(rows, request.POST)
        stated_text = request.POST.get("stated_pagu", "")
        day_text = request.POST.get("date", "")
        try:
            stated = parse_number(stated_text)
        except ValueError:
            stated = None
            errors["stated_pagu"] = _("Pagu yang dinyatakan harus berupa angka rupiah.")
        if stated is None and "stated_pagu" not in errors:
            errors["stated_pagu"] = _("Pagu yang dinyatakan wajib diisi (jumlah pagu DIPA).")
        elif stated is not None and (stated < 0 or stated != stated.to_integral_value()):
            errors["stated_pagu"] = _("Pagu yang dinyatakan harus rupiah bulat, tidak negatif.")
        day = _day(day_text)
        if day is None:
            errors["date"] = _("Tanggal revisi wajib diisi (tahun-bulan-tanggal).")
        if not ok or errors:
            messages.error(request, _("Tidak ada yang disimpan: periksa isian yang ditandai."))
            status = 400
        else:
            try:
                changed = grids.allocations_save(
                    revision=revision,
                    rows=rows,
                    stated_pagu=stated,
                    day=day,
                    user=request.user,
                    state=request.POST.get("state", ""),
                )
            except (LockedPeriodError, grids.ChangedSinceOpened) as exc:
                messages.error(request, exc.messages[0])
                status = 409
            except ValidationError as exc:
                messages.error(request, exc.messages[0])
                status = 400
            else:
                messages.success(
                    request,
                    _("%(revision)s tersimpan: %(n)s baris berubah.")
                    % {"revision": revision, "n": changed}
                    if changed
                    else _("Tidak ada perubahan untuk disimpan."),
                )
                url = f"{request.path}?revisi={revision.number}"
                return redirect(url)
    for row in rows:
        if row.typed is None:
            row.typed = show_value(row.current, money=True)
    subtotal = grids.subtotals(rows)
    ctx = {
        "unit": unit,
        "year": year,
        "revision": revision,
        "revisions": revisions,
        "rows": [(r, subtotal.get(r.item.pk)) for r in rows],
        "total": grids.allocation_total(rows),
        "previous_total": sum(r.previous or 0 for r in rows if r.editable),
        "stated_text": stated_text,
        "day_text": day_text,
        "errors": errors,
        "read_only": read_only,
        "locked": locked,
        "can_edit": not read_only and not locked,
        "state": request.POST.get("state") if status != 200 else grids.allocations_state(revision),
    }
    return render(request, "entry/allocations.html", ctx, status=status)
