"""Deadlines, the quarter's status board and the e-mail reminders before a deadline."""

from datetime import date

import pytest
from django.core import mail

from perkin.entry.deadlines import add_working_days, deadline_for, default_deadline
from perkin.entry.reminders import send_reminders
from perkin.models import MonthlyRealisation, QuarterDeadline, QuarterLock, ReminderSent

pytestmark = pytest.mark.django_db
BOARD = "/u/BSPJI-PLG/status/2024/4/"
BOARD_QUERIES = 16


def test_the_default_deadline_is_five_working_days_after_the_quarter():
    assert default_deadline(2024, 4) == date(2025, 1, 8)  # 1 January is a holiday
    # Q1 2025: Idulfitri 31 March-1 April and its joint leave days 2-7 April do not count
    assert default_deadline(2025, 1) == date(2025, 4, 14)
    assert default_deadline(2024, 3) == date(2024, 10, 7)  # over a weekend
    assert add_working_days(date(2025, 8, 15), 1) == date(2025, 8, 19)  # 17-18 August off


def test_a_deadline_the_unit_sets_wins(demo_unit, planner):
    QuarterDeadline.objects.create(
        unit=demo_unit, year=2024, quarter=4, due_on=date(2025, 1, 15), set_by=planner
    )
    deadline = deadline_for(demo_unit, 2024, 4)
    assert (deadline.due_on, deadline.is_default, deadline.set_by) == (
        date(2025, 1, 15),
        False,
        "perencana",
    )
    assert deadline.describe(date(2025, 1, 10)) == "5 hari lagi, 3 hari kerja"
    assert deadline.describe(date(2025, 1, 17)) == "lewat 2 hari"


def _set_status(month, status, codes=None):
    rows = MonthlyRealisation.objects.filter(
        indicator__goal__agreement__unit__code="BSPJI-PLG", indicator__goal__agreement__year=2024
    ).filter(month=month)
    if codes:
        rows = [r for r in rows.select_related("indicator__goal") if r.indicator.code in codes]
        for r in rows:
            r.status = status
            r.save()
        return
    rows.update(status=status)


def test_the_board_shows_every_indicator_and_month(client, head):
    _set_status(11, "draft", {"I.1"})
    _set_status(12, "returned", {"II.1"})
    client.force_login(head)
    response = client.get(BOARD)
    assert response.status_code == 200
    board = response.context["board"]
    assert len(board.rows) == 15 and board.months == [10, 11, 12]
    cells = {(r.indicator.code, c.month): c.status for r in board.rows for c in r.cells}
    assert cells[("I.1", 11)] == "draft"
    assert cells[("II.1", 12)] == "returned"
    assert cells[("I.1", 10)] == "submitted"
    body = response.content.decode()
    assert 'href="/u/BSPJI-PLG/isi/2024/11/#ind-' in body  # each cell links to its row
    assert "Rabu, 8 Januari 2025" in body
    # the lock button says what is missing
    assert "Belum dapat dikunci: 2 isian belum diajukan atau disetujui." in body
    assert "I.1 November: Draf" in body and "II.1 Desember: Dikembalikan" in body
    assert 'id="lock-btn"' not in body


def test_the_head_locks_from_the_board_once_nothing_is_missing(client, head):
    client.force_login(head)
    body = client.get(BOARD).content.decode()
    assert "Semua isian triwulan ini sudah diajukan atau disetujui." in body
    assert 'action="/u/BSPJI-PLG/isi/2024/12/setujui/"' in body
    client.post("/u/BSPJI-PLG/isi/2024/12/setujui/")
    assert QuarterLock.objects.get(unit__code="BSPJI-PLG", year=2024, quarter=4).locked
    assert "Terkunci oleh kepala" in client.get(BOARD).content.decode()


@pytest.mark.parametrize(
    ("user", "status"),
    [("perencana", 200), ("kepala", 200), ("pic", 403), ("perencana_lain", 404), ("reviewer", 403)],
)
def test_who_opens_the_board(client, django_user_model, user, status):
    client.force_login(django_user_model.objects.get(username=user))
    assert client.get(BOARD).status_code == status


def test_the_board_costs_a_fixed_number_of_queries(
    client, planner, demo_unit, django_assert_num_queries
):
    from tests.reports.test_dashboard import _grow

    client.force_login(planner)
    client.get(BOARD)
    with django_assert_num_queries(BOARD_QUERIES):
        assert client.get(BOARD).status_code == 200
    _grow(demo_unit)  # five indicators and four outputs more: the same queries
    with django_assert_num_queries(BOARD_QUERIES):
        assert len(client.get(BOARD).context["board"].rows) == 20


def test_planner_sets_and_resets_the_deadline(client, planner):
    client.force_login(planner)
    response = client.post(BOARD, {"due_on": "2025-01-20", "note": "SE Sekjen 12/2024"})
    assert response.status_code == 302
    assert deadline_for(planner.membership.unit, 2024, 4).due_on == date(2025, 1, 20)
    assert "SE Sekjen 12/2024" in client.get(BOARD).content.decode()
    bad = client.post(BOARD, {"due_on": "2024-12-20"})
    assert bad.status_code == 400
    assert "Batas waktu harus sesudah triwulan berakhir (31-12-2024)" in bad.content.decode()
    assert client.post(BOARD, {"due_on": "kemarin"}).status_code == 400
    client.post(BOARD, {"action": "default"})
    assert deadline_for(planner.membership.unit, 2024, 4).is_default


def test_reminders_go_to_whoever_has_rows_not_submitted_and_a_digest_to_the_head(mailoutbox):
    _set_status(11, "draft", {"I.1"})  # the PIC's team (Fungsi OPTIPK)
    _set_status(12, "returned", {"VI.1"})  # Subbagian Tata Usaha: no PIC user
    assert send_reminders(today=date(2025, 1, 6)) == 3
    by_to = {m.to[0]: m for m in mailoutbox}
    assert set(by_to) == {
        "kepala@perkin-demo.example",
        "perencana@perkin-demo.example",
        "pic@perkin-demo.example",
    }
    pic = by_to["pic@perkin-demo.example"]
    assert "I.1 November: Draf" in pic.body and "VI.1" not in pic.body
    assert "Triwulan IV 2024 jatuh tempo 08-01-2025" in pic.body
    assert "http://127.0.0.1:8000/u/BSPJI-PLG/isi/2024/10/" in pic.body
    planner = by_to["perencana@perkin-demo.example"]
    assert "I.1 November: Draf" in planner.body and "VI.1 Desember: Dikembalikan" in planner.body
    digest = by_to["kepala@perkin-demo.example"]
    assert digest.subject.startswith("Perkin: ringkasan Triwulan IV 2024")
    assert "2 belum diajukan" in digest.body and "Fungsi OPTIPK: 1" in digest.body


def test_reminders_are_sent_once_a_day(mailoutbox):
    _set_status(11, "draft", {"I.1"})
    assert send_reminders(today=date(2025, 1, 6)) == 3
    assert send_reminders(today=date(2025, 1, 6)) == 0
    assert ReminderSent.objects.filter(sent_on=date(2025, 1, 6)).count() == 3
    assert send_reminders(today=date(2025, 1, 7)) == 3  # the next day again
    assert len(mailoutbox) == 6


def test_no_reminder_outside_the_window_or_for_a_locked_quarter(mailoutbox, demo_unit, head):
    _set_status(11, "draft", {"I.1"})
    assert send_reminders(today=date(2024, 12, 31)) == 0  # 8 days before
    assert send_reminders(today=date(2025, 1, 9)) == 0  # the day after
    QuarterLock.objects.create(unit=demo_unit, year=2024, quarter=4, locked_by=head)
    assert send_reminders(today=date(2025, 1, 6)) == 0
    assert mailoutbox == []


def test_the_command_sends_the_days_reminders(mailoutbox):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("send_reminders", "--date", "2025-01-08", stdout=out)
    assert "e-mail terkirim" in out.getvalue()
    assert len(mailoutbox) == int(out.getvalue().split()[0])
    assert mail.outbox is mailoutbox


def test_the_status_link_opens_the_quarter_the_dashboard_shows(client, planner):
    client.force_login(planner)
    response = client.get("/u/BSPJI-PLG/status/")
    dashboard = client.get("/u/BSPJI-PLG/").context
    assert response["Location"] == (
        f"/u/BSPJI-PLG/status/{dashboard['year']}/{dashboard['quarter']}/"
    )


def test_the_queue_schedules_the_reminders_every_working_hour(mailoutbox, monkeypatch):
    """celery beat sends them (settings.CELERY_BEAT_SCHEDULE); running every hour sends each
    person's reminder once a day."""
    from django.conf import settings
    from django.utils import timezone

    from perkin.celery import app
    from reports.jobs.tasks import send_deadline_reminders

    entry = settings.CELERY_BEAT_SCHEDULE["deadline-reminders"]
    assert entry["task"] in app.tasks
    assert entry["schedule"].hour == set(range(7, 17)) and entry["schedule"].minute == {5}
    _set_status(11, "draft", {"I.1"})
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2025, 1, 6))
    assert send_deadline_reminders.delay().get() == 3  # inline without a broker, as in tests
    assert send_deadline_reminders.delay().get() == 0  # the next hour: already sent today
    assert len(mailoutbox) == 3
