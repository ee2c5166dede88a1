"""Sends today's deadline reminders and head's digests once (a scheduler runs it daily)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from perkin.entry.reminders import send_reminders


class Command(BaseCommand):
    help = "Sends the e-mail reminders of quarters whose report is due soon (idempotent per day)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="as if today were this date (YYYY-MM-DD)")

    def handle(self, *args, **options):
        today = None
        if options["date"]:
            try:
                today = date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError(f"--date harus berformat YYYY-MM-DD: {exc}") from None
        sent = send_reminders(today=today)
        self.stdout.write(f"{sent} e-mail terkirim.")
