"""Throughput of a ministry-wide regeneration with real workers: starts N Celery workers
(separate processes, one task at a time each) on a queue of their own in Redis, queues every
unit's Q4 summary and workbook, then the PDFs of a sample of units, and reports reports per
minute. E.g. `python manage.py bench_regenerate --year 2024 --quarter 4 --workers 2`."""

import os
import subprocess
import sys
import time
import uuid

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from perkin.celery import app
from reports.jobs.batch import queue_regeneration, units_with_agreement
from reports.models import ReportCache, UnitSummary


class Command(BaseCommand):
    help = "Times the regeneration of every unit's quarterly report with N queue workers."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=2024)
        parser.add_argument("--quarter", type=int, default=4, choices=[1, 2, 3, 4])
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument(
            "--sample", type=int, default=200, help="units whose summary and workbook are timed"
        )
        parser.add_argument("--pdf-sample", type=int, default=10, help="units whose PDF is timed")
        parser.add_argument("--broker", default="redis://127.0.0.1:6379/5")
        parser.add_argument("--timeout", type=int, default=3600, help="seconds per phase")

    def handle(self, *args, year, quarter, workers, sample, pdf_sample, broker, timeout, **options):
        import redis

        try:
            redis.Redis.from_url(broker, socket_connect_timeout=2).ping()
        except Exception as exc:
            raise CommandError(f"Redis is not reachable at {broker}: {exc}") from exc
        queue = f"perkin-bench-{uuid.uuid4().hex[:8]}"
        app.conf.update(task_always_eager=False, broker_url=broker, task_default_queue=queue)
        env = {**os.environ, "CELERY_BROKER_URL": broker, "CELERY_QUEUE": queue}
        celery = os.path.join(os.path.dirname(sys.executable), "celery")
        procs = [
            subprocess.Popen(
                [
                    celery,
                    "-A",
                    "perkin",
                    "worker",
                    "--pool=solo",
                    "-Q",
                    queue,
                    "-n",
                    f"bench{i}-{queue}@%h",
                    "--loglevel=WARNING",
                ],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )  # fmt: skip
            for i in range(workers)
        ]
        try:
            self._wait_for_workers(workers, queue)
            units = units_with_agreement(year)
            timed = units[:sample]
            workbooks = self._phase(timed, year, quarter, ["xlsx"], timeout)
            pdf_units = units[:pdf_sample]
            pdfs = self._phase(pdf_units, year, quarter, ["pdf"], timeout)
        finally:
            for proc in procs:
                proc.terminate()
            for proc in procs:
                proc.wait(timeout=60)
            redis.Redis.from_url(broker).delete(queue)
        per_minute = len(timed) / workbooks * 60
        pdf_per_minute = len(pdf_units) / pdfs * 60
        self.stdout.write(
            f"\nRegenerasi TW{quarter} {year} dengan {workers} worker ({len(units)} unit):\n"
            f"  ringkasan + Excel, {len(timed)} unit: {workbooks:.1f} s, {per_minute:.0f} "
            f"laporan/menit (semua unit: ~{len(units) / per_minute:.0f} menit)\n"
            f"  PDF, {len(pdf_units)} unit: {pdfs:.1f} s, {pdf_per_minute:.1f} laporan/menit "
            f"(semua unit: ~{len(units) / pdf_per_minute:.0f} menit)"
        )

    def _wait_for_workers(self, count: int, queue: str) -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            replies = app.control.ping(timeout=1.0) or []
            if sum(1 for r in replies for name in r if queue in name) >= count:
                return
        raise CommandError("the workers did not start")

    def _phase(self, units, year: int, quarter: int, formats: list[str], timeout: int) -> float:
        codes = [u.code for u in units]
        ReportCache.objects.filter(
            unit_code__in=codes, year=year, quarter=quarter, fmt__in=formats
        ).delete()
        UnitSummary.objects.filter(unit__in=units, year=year, quarter=quarter).delete()
        since = timezone.now()
        start = time.monotonic()
        queue_regeneration(units, year, quarter, formats)
        expected = len(units) * len(formats)
        done = 0
        while time.monotonic() - start < timeout:
            done = ReportCache.objects.filter(
                unit_code__in=codes, year=year, quarter=quarter, fmt__in=formats,
                created_at__gte=since,
            ).count()  # fmt: skip
            if done >= expected:
                return time.monotonic() - start
            time.sleep(0.5)
        raise CommandError(f"only {done} of {expected} files after {timeout} s")
