"""Measures the quarterly report's PDF: the first one in a new process, the cold PDF (no stored
file) in a process warmed as a queue worker is, WeasyPrint alone on the same HTML (the overhead
ratio), and the stored download through the report view, e.g.
`python manage.py bench_report --unit BSPJI-PLG`."""

import io
from statistics import median
from time import perf_counter

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.test import Client
from django.urls import reverse

from perkin.models import WorkUnit
from reports.checks import build_quarterly_report
from reports.exporters.cache import export_report
from reports.exporters.html_export import render_report_html
from reports.exporters.pdf_export import render_pdf
from reports.jobs.warmup import warm_renderers
from reports.models import ReportCache


class Command(BaseCommand):
    help = "Times the cold and the stored PDF of a unit's quarterly report."

    def add_arguments(self, parser):
        parser.add_argument("--unit", default="BSPJI-PLG")
        parser.add_argument("--year", type=int, default=2024)
        parser.add_argument("--quarter", type=int, default=4, choices=[1, 2, 3, 4])
        parser.add_argument("--runs", type=int, default=5, help="stored downloads to time")
        parser.add_argument("--pdf-runs", type=int, default=2, help="cold PDFs to time")

    def handle(self, *args, unit, year, quarter, runs, pdf_runs, **options):
        from pypdf import PdfReader

        try:
            work_unit = WorkUnit.objects.get(code=unit)
        except WorkUnit.DoesNotExist as exc:
            raise CommandError(f"unknown unit {unit!r}") from exc
        key = {"unit_code": unit, "year": year, "quarter": quarter, "fmt": "pdf"}

        def cold_pdf():
            ReportCache.objects.filter(**key).delete()
            start = perf_counter()
            rendered = export_report(work_unit, year, quarter, "pdf")
            return perf_counter() - start, rendered

        first, rendered = cold_pdf()  # imports, fonts, templates: what a worker does at start
        warm_seconds = warm_renderers()
        app, alone, before_pdf = [], [], []
        for _ in range(pdf_runs):  # alternated, so both see the same machine load
            seconds, rendered = cold_pdf()
            app.append(seconds)
            start = perf_counter()
            html = render_report_html(build_quarterly_report(work_unit, year, quarter))
            before_pdf.append(perf_counter() - start)
            start = perf_counter()
            render_pdf(html)
            alone.append(perf_counter() - start)
        pages = len(PdfReader(io.BytesIO(rendered.content)).pages)

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
                raise CommandError(f"stored download failed: {response.status_code}")
        app_s, alone_s, own_s = median(app), median(alone), median(before_pdf)
        self.stdout.write(
            f"{unit} {year} TW{quarter}: {pages} pages, {len(rendered.content) // 1024} KiB\n"
            f"  first PDF in a new process {first:.2f} s (the worker warms up at start instead: "
            f"{warm_seconds:.2f} s)\n"
            f"  cold PDF (no stored file, warm process) median {app_s:.2f} s; WeasyPrint alone "
            f"on the same HTML {alone_s:.2f} s; overhead ratio {app_s / alone_s:.2f}x "
            f"({pdf_runs} runs each)\n"
            f"  the app's own part (facts, report, document HTML) median {own_s:.2f} s: "
            f"(WeasyPrint + own part) / WeasyPrint = {(alone_s + own_s) / alone_s:.2f}x\n"
            f"  stored download median {median(times) * 1000:.0f} ms "
            f"(max {max(times) * 1000:.0f} ms, {runs} runs)"
        )
