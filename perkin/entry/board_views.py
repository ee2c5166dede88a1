"""The quarter's status board for planner and head, and the deadline they may set on it."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from perkin import access
from perkin.access import Action
from perkin.calendar import QUARTERS, ROMAN, quarter_end
from perkin.converters import parse_int
from perkin.entry.board import quarter_board
from perkin.entry.deadlines import default_deadline, set_deadline
from perkin.entry.navigation import default_period, setup_years


@login_required
def board_today(request: HttpRequest, code: str) -> HttpResponse:
    """The board of the quarter chosen in the form (?year=&q=), else of the quarter being
    reported (the dashboard's default period)."""
    unit = access.unit_for(request.user, code, Action.OPEN_BOARD)
    year, quarter = default_period(unit)
    year = parse_int(request.GET.get("year"), 2000, 2100) or year
    quarter = parse_int(request.GET.get("q"), 1, 4) or quarter
    return redirect("entry:board", code=unit.code, year=year, quarter=quarter)


@login_required
def board(request: HttpRequest, code: str, year: int, quarter: int) -> HttpResponse:
    unit = access.unit_for(request.user, code, Action.OPEN_BOARD)
    if quarter not in QUARTERS or not 2000 <= year <= 2100:
        raise Http404(_("Triwulan tidak ditemukan."))
    can_set = access.can(request.user, Action.SET_DEADLINE, unit)
    status = 200
    deadline_error = ""
    if request.method == "POST":
        access.require(can_set)
        text = request.POST.get("due_on", "").strip()
        if request.POST.get("action") == "default":
            set_deadline(unit=unit, year=year, quarter=quarter, due_on=None, user=request.user)
            messages.success(request, _("Batas waktu kembali ke bawaan (5 hari kerja)."))
            return redirect("entry:board", code=unit.code, year=year, quarter=quarter)
        try:
            due_on = date.fromisoformat(text)
        except ValueError:
            due_on = None
        if due_on is None:
            deadline_error = _("Batas waktu wajib diisi sebagai tanggal (tahun-bulan-tanggal).")
        elif due_on <= quarter_end(year, quarter):
            deadline_error = _(
                "Batas waktu harus sesudah triwulan berakhir (%(end)s); yang diisi %(given)s."
            ) % {
                "end": quarter_end(year, quarter).strftime("%d-%m-%Y"),
                "given": due_on.strftime("%d-%m-%Y"),
            }
        if deadline_error:
            messages.error(request, deadline_error)
            status = 400
        else:
            set_deadline(
                unit=unit,
                year=year,
                quarter=quarter,
                due_on=due_on,
                note=request.POST.get("note", "")[:300],
                user=request.user,
            )
            messages.success(
                request,
                _("Batas waktu triwulan %(q)s %(year)s: %(date)s.")
                % {"q": quarter, "year": year, "date": due_on.strftime("%d-%m-%Y")},
            )
            return redirect("entry:board", code=unit.code, year=year, quarter=quarter)
    data = quarter_board(unit, year, quarter)
    years = setup_years(unit)
    ctx = {
        "unit": unit,
        "year": year,
        "quarter": quarter,
        "board": data,
        "years": sorted(years | {year}),
        "has_agreement": year in years,
        "today": date.today(),
        "deadline_text": data.deadline.describe(date.today()),
        "default_deadline": default_deadline(year, quarter),
        "can_set_deadline": can_set,
        "is_head": access.can(request.user, Action.APPROVE, unit),
        "deadline_error": deadline_error,
        "quarters": QUARTERS,
        "quarter_roman": ROMAN[quarter],
    }
    return render(request, "entry/board.html", ctx, status=status)
