"""Measures the quarterly report's PDF: cold generation (no cached file) and the cached
download through the report view, e.g. `python manage.py bench_report --unit BSPJI-PLG`."""

import io
from statistics import median
from time import perf_counter

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.test import Client
from django.urls import reverse

from perkin.models import WorkUnit
from reports.exporters.cache import export_report
from reports.models import ReportCache


class Command(BaseCommand):
    help = "Times the cold and the cached PDF of a unit's quarterly report."

    def add_arguments(self, parser):
        parser.add_argument("--unit", default="BSPJI-PLG")
        parser.add_argument("--year", type=int, default=2024)
        parser.add_argument("--quarter", type=int, default=4, choices=[1, 2, 3, 4])
        parser.add_argument("--runs", type=int, default=5, help="cached downloads to time")

    def handle(self, *args, unit, year, quarter, runs, **options):
        from pypdf import PdfReader

        try:
            work_unit = WorkUnit.objects.get(code=unit)
        except WorkUnit.DoesNotExist as exc:
            raise CommandError(f"unknown unit {unit!r}") from exc
        ReportCache.objects.filter(unit_code=unit, year=year, quarter=quarter, fmt="pdf").delete()
        start = perf_counter()
        cold = export_report(work_unit, year, quarter, "pdf")
        cold_seconds = perf_counter() - start
        pages = len(PdfReader(io.BytesIO(cold.content)).pages)

        user = get_user_model().objects.filter(is_superuser=True).first()
        if user is None:
            raise CommandError("a superuser is needed to time the download view")
        client = Client()
        client.force_login(user)
        url = reverse("reports:report_download", args=[unit, year, quarter, "pdf"])
        times = []
        for _ in range(runs):
            start = perf_counter()
            response = client.get(url)
            times.append(perf_counter() - start)
            if response.status_code != 200 or response["X-Report-Cache"] != "hit":
                raise CommandError(f"cached download failed: {response.status_code}")
        self.stdout.write(
            f"{unit} {year} TW{quarter}: cold PDF {cold_seconds:.2f} s, {pages} pages, "
            f"{len(cold.content) // 1024} KiB; cached download median {median(times):.3f} s "
            f"(max {max(times):.3f} s, {runs} runs)"
        )
