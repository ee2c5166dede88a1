"""`python manage.py regenerate_reports --year 2024 --quarter 4 --formats pdf,xlsx`: queues
every unit's summary and report files of the quarter for the workers (inline without a
broker), e.g. after a deployment that changed the report."""

from django.core.management.base import BaseCommand, CommandError

from reports.jobs.batch import queue_regeneration, units_with_agreement


class Command(BaseCommand):
    help = "Queues the regeneration of every unit's quarterly summary and report files."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--quarter", type=int, required=True, choices=[1, 2, 3, 4])
        parser.add_argument("--formats", default="pdf,xlsx", help="comma-separated; '' for none")

    def handle(self, *args, year, quarter, formats, **options):
        fmts = [f for f in formats.split(",") if f]
        units = units_with_agreement(year)
        try:
            tasks = queue_regeneration(units, year, quarter, fmts)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"{len(units)} units, {tasks} tasks queued ({', '.join(fmts) or '-'})")
