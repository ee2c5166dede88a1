"""Deadline reminders by e-mail: every day from PERKIN_REMINDER_DAYS days before a quarter's
report is due up to the day itself, each planner and PIC whose rows of that quarter are not
submitted gets a list of them, and the head gets a digest of the quarter's state. A quarter
already locked needs nothing. Each (user, quarter, kind) is sent at most once a day
(ReminderSent), so the job may run more often or be retried.

``send_reminders`` is what a scheduler calls (the management command ``send_reminders`` runs
it once); it does not schedule itself."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from perkin.calendar import MONTH_NAMES, ROMAN, quarter_of
from perkin.entry.board import Board, quarter_board
from perkin.entry.deadlines import Deadline, deadlines_for, previous_quarter
from perkin.models import Agreement, ReminderSent, UnitMembership, WorkUnit

Role = UnitMembership.Role
DONE = {"submitted", "approved"}


@dataclass
class Pending:
    """What one person still has to do for a quarter."""

    rows: list[str] = field(default_factory=list)  # 'I.1 November: draf'
    money: list[str] = field(default_factory=list)  # 'Oktober: Penerimaan PNBP 3/12'


def _absolute(path: str) -> str:
    return f"{settings.PERKIN_BASE_URL}{path}"


def _pending(board: Board) -> tuple[dict[int | None, list[str]], list[str]]:
    """Rows not yet submitted, by the indicator's team (None: no team), and money facts of
    the quarter's months that are not complete."""
    by_team: dict[int | None, list[str]] = defaultdict(list)
    for row in board.rows:
        for cell in row.cells:
            if cell.status not in DONE:
                label = cell.label or _("belum diisi")
                by_team[row.indicator.team_id].append(
                    f"{row.indicator.code} {MONTH_NAMES[cell.month]}: {label}"
                )
    money = [
        f"{s.name}: {m.label} {m.entered}/{m.expected}"
        for s in board.summaries
        for m in s.money
        if m.expected and not m.complete
    ]
    return by_team, money


def _deadline_line(deadline: Deadline, today: date) -> str:
    return _("Laporan Triwulan %(q)s %(year)s jatuh tempo %(date)s (%(left)s).") % {
        "q": ROMAN[deadline.quarter],
        "year": deadline.year,
        "date": deadline.due_on.strftime("%d-%m-%Y"),
        "left": deadline.describe(today),
    }


def _reminder(member: UnitMembership, pending: Pending, board: Board, today: date) -> EmailMessage:
    d = board.deadline
    lines = [
        _("Yth. %(name)s,") % {"name": member.user.get_full_name() or member.user.get_username()},
        "",
        _deadline_line(d, today),
    ]
    if pending.rows:
        lines += ["", _("Isian berikut belum diajukan:"), *[f"- {r}" for r in pending.rows]]
    if pending.money:
        lines += ["", _("Data keuangan, PNBP dan layanan yang belum lengkap:")]
        lines += [f"- {m}" for m in pending.money]
    board_url = _absolute(reverse("entry:board", args=[board.unit.code, d.year, d.quarter]))
    entry_url = _absolute(reverse("entry:entry", args=[board.unit.code, d.year, board.months[0]]))
    lines += [
        "",
        _("Isi dan ajukan di: %(url)s") % {"url": entry_url},
        _("Status triwulan: %(url)s") % {"url": board_url},
        "",
        _("Pesan ini dikirim otomatis oleh Perkin."),
    ]
    subject = _("Perkin: %(n)s isian Triwulan %(q)s %(year)s belum diajukan (%(left)s)") % {
        "n": len(pending.rows) + len(pending.money),
        "q": ROMAN[d.quarter],
        "year": d.year,
        "left": d.describe(today),
    }
    return EmailMessage(subject, "\n".join(lines), to=[member.user.email])


def _digest(member: UnitMembership, board: Board, today: date, by_team, money) -> EmailMessage:
    d = board.deadline
    pending_rows = sum(len(v) for v in by_team.values())
    lines = [
        _("Yth. %(name)s,") % {"name": member.user.get_full_name() or member.user.get_username()},
        "",
        _deadline_line(d, today),
        _("Isian indikator: %(approved)s disetujui dari %(total)s; %(pending)s belum diajukan.")
        % {"approved": board.approved_cells, "total": board.total_cells, "pending": pending_rows},
    ]
    for s in board.summaries:
        counts = s.counts
        lines.append(
            _(
                "- %(month)s: belum diisi %(missing)s, draf %(draft)s, dikembalikan %(returned)s, "
                "diajukan %(submitted)s, disetujui %(approved)s"
            )
            % {
                "month": s.name,
                "missing": counts[""],
                "draft": counts["draft"],
                "returned": counts["returned"],
                "submitted": counts["submitted"],
                "approved": counts["approved"],
            }
        )
    teams = {row.indicator.team_id: row.indicator.team for row in board.rows}
    if by_team:
        lines += ["", _("Belum diajukan, per tim:")]
        for team_id, rows in by_team.items():
            name = teams[team_id].name if teams.get(team_id) else _("tanpa tim (perencana)")
            lines.append(f"- {name}: {len(rows)}")
    if money:
        lines += ["", _("Data keuangan, PNBP dan layanan yang belum lengkap:")]
        lines += [f"- {m}" for m in money]
    if not by_team and not board.locked:
        lines += ["", _("Semua isian sudah diajukan: triwulan siap disetujui dan dikunci.")]
    lines += [
        "",
        _("Status triwulan: %(url)s")
        % {"url": _absolute(reverse("entry:board", args=[board.unit.code, d.year, d.quarter]))},
        "",
        _("Pesan ini dikirim otomatis oleh Perkin."),
    ]
    subject = _("Perkin: ringkasan Triwulan %(q)s %(year)s, %(left)s") % {
        "q": ROMAN[d.quarter],
        "year": d.year,
        "left": d.describe(today),
    }
    return EmailMessage(subject, "\n".join(lines), to=[member.user.email])


def _send_once(message: EmailMessage, *, connection, unit, deadline, member, kind, today) -> int:
    """Sends message unless this reminder went out today already (recorded in the same
    transaction: a failed send records nothing)."""
    try:
        with transaction.atomic():
            _row, created = ReminderSent.objects.get_or_create(
                unit=unit,
                year=deadline.year,
                quarter=deadline.quarter,
                user=member.user,
                kind=kind,
                sent_on=today,
            )
            if not created:
                return 0
            message.connection = connection
            return message.send()
    except IntegrityError:  # the same reminder recorded by a job running at the same moment
        return 0


def _quarters_due(unit: WorkUnit, years: set[int], today: date) -> list[Deadline]:
    """Quarters of the unit's years whose deadline lies within the reminder window."""
    current = (today.year, quarter_of(today.month))
    periods = [previous_quarter(*previous_quarter(*current)), previous_quarter(*current), current]
    periods = [p for p in periods if p[0] in years]
    window = settings.PERKIN_REMINDER_DAYS
    return [d for d in deadlines_for(unit, periods).values() if 0 <= d.days_left(today) <= window]


def send_reminders(*, today: date | None = None) -> int:
    """Sends today's reminders and head's digests; returns the number of e-mails sent."""
    today = today or timezone.localdate()
    years = {today.year - 1, today.year}
    by_unit: dict[int, set[int]] = defaultdict(set)
    for unit_id, year in Agreement.objects.filter(year__in=years).values_list("unit_id", "year"):
        by_unit[unit_id].add(year)
    if not by_unit:
        return 0
    members: dict[int, list[UnitMembership]] = defaultdict(list)
    for m in (
        UnitMembership.objects.filter(
            unit_id__in=by_unit, role__in=[Role.PLANNER, Role.PIC, Role.HEAD], user__is_active=True
        )
        .exclude(user__email="")
        .select_related("user", "unit")
    ):
        members[m.unit_id].append(m)
    sent = 0
    connection = get_connection()
    with translation.override(settings.LANGUAGE_CODE):
        for unit in WorkUnit.objects.filter(pk__in=members):
            for deadline in _quarters_due(unit, by_unit[unit.pk], today):
                sent += _remind_quarter(unit, deadline, members[unit.pk], today, connection)
    return sent


def _remind_quarter(unit, deadline: Deadline, members, today: date, connection) -> int:
    board = quarter_board(unit, deadline.year, deadline.quarter)
    if board.locked:
        return 0
    by_team, money = _pending(board)
    sent = 0
    for member in members:
        once = {"connection": connection, "unit": unit, "deadline": deadline, "member": member}
        if member.role == Role.HEAD:
            message = _digest(member, board, today, by_team, money)
            sent += _send_once(message, kind=ReminderSent.Kind.DIGEST, today=today, **once)
            continue
        if member.role == Role.PLANNER:
            pending = Pending([r for rows in by_team.values() for r in rows], money)
        else:  # a PIC: the rows of their team's indicators
            pending = Pending(by_team.get(member.team_id, []) if member.team_id else [])
        if pending.rows or pending.money:
            message = _reminder(member, pending, board, today)
            sent += _send_once(message, kind=ReminderSent.Kind.REMINDER, today=today, **once)
    return sent
