import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from perkin.models import WorkUnit
from reports.exporters import get_exporter, report_for_export


class Command(BaseCommand):
    help = "Writes the quarterly PP 39 report of a unit (json, html, pdf or xlsx)."

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="unit code, e.g. BSPJI-PLG")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--quarter", type=int, required=True, choices=[1, 2, 3, 4])
        parser.add_argument("--format", default="json", dest="fmt")
        parser.add_argument("--output", help="file to write (default: standard output)")

    def handle(self, *args, unit, year, quarter, fmt, output=None, **options):
        try:
            work_unit = WorkUnit.objects.get(code=unit)
        except WorkUnit.DoesNotExist as exc:
            raise CommandError(f"unknown unit {unit!r}") from exc
        try:
            exporter = get_exporter(fmt)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        report = report_for_export(work_unit, year, quarter)
        _, _, content = exporter.render(report)
        if output:
            Path(output).write_bytes(content)
            self.stderr.write(f"{output}: {len(content)} bytes")
        else:
            sys.stdout.buffer.write(content)
            sys.stdout.flush()
