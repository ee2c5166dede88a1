"""Server time (median, p95 over repeated requests through Django's test client) and SQL
query count of the main pages and the report JSON, on whatever database DATABASE_URL points at.
The view across units is read from stored per-unit summaries: the first request computes the
missing ones (timed once, "ringkasan pertama"); "cache kosong" empties Django's cache before
every request, the computed reports and kept tables too (the summaries stay stored, as they do
across restarts)."""

import gc
import statistics
import time

from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from perkin.models import Indicator, UnitMembership, WorkUnit


def _measure(
    client: Client, url: str, repeat: int, cold: bool = False
) -> tuple[float, float, int, int, float]:
    start = time.perf_counter()
    client.get(url)  # warm caches, templates and the session
    first = (time.perf_counter() - start) * 1000
    # as perkin/wsgi.py does in a server process: long-lived objects out of the GC's way
    gc.collect()
    gc.freeze()
    times = []
    queries = 0
    status = 0
    for _ in range(repeat):
        if cold:
            for store in caches.all():  # nothing reused but the summaries stored
                store.clear()
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        queries, status = len(ctx.captured_queries), response.status_code
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    return statistics.median(times), p95, queries, status, first


class Command(BaseCommand):
    help = "Times the dashboard, the indicator page and the view across units."

    def add_arguments(self, parser):
        parser.add_argument("--unit", default="BSPJI-PLG")
        parser.add_argument("--year", type=int, default=None)
        parser.add_argument("--quarter", type=int, default=4)
        parser.add_argument("--repeat", type=int, default=30)
        parser.add_argument("--label", default="")

    def handle(self, *args, unit, year, quarter, repeat, label, **options):
        work_unit = WorkUnit.objects.get(code=unit)
        year = year or work_unit.agreements.order_by("-year").values_list("year", flat=True)[0]
        User = get_user_model()
        head, _ = User.objects.get_or_create(username=f"bench-head-{unit}")
        UnitMembership.objects.update_or_create(
            user=head, defaults={"unit": work_unit, "role": "head"}
        )
        reviewer, _ = User.objects.get_or_create(username=f"bench-reviewer-{unit}")
        UnitMembership.objects.update_or_create(
            user=reviewer, defaults={"unit": work_unit.parent, "role": "reviewer"}
        )
        indicator = Indicator.objects.filter(
            goal__agreement__unit=work_unit, goal__agreement__year=year, method="average_change"
        ).first()
        period = f"?year={year}&q={quarter}"
        pages = [
            ("dasbor", head, f"/u/{unit}/{period}"),
            ("halaman indikator", head, f"/u/{unit}/indikator/{indicator.pk}/{period}"),
            ("antar unit", reviewer, f"/unit/{period}"),
            ("antar unit, cache kosong", reviewer, f"/unit/{period}"),
            ("laporan JSON", head, f"/u/{unit}/laporan/unduh/{year}/{quarter}.json"),
        ]
        units = WorkUnit.objects.filter(parent=work_unit.parent).count()
        title = label or unit
        self.stdout.write(
            f"\n{title}: {connection.vendor}, {units} unit di bawah {work_unit.parent}, "
            f"{repeat} permintaan per halaman"
        )
        self.stdout.write(
            f"{'halaman':<20} {'median ms':>10} {'p95 ms':>10} {'query':>6} {'status':>6}"
        )
        for name, user, url in pages:
            client = Client()
            client.force_login(user)
            cold = name.endswith("cache kosong")
            median, p95, queries, status, first = _measure(client, url, repeat, cold)
            if name == "antar unit":
                self.stdout.write(f"{'antar unit, ringkasan pertama':<26} {first:>10.1f}")
            self.stdout.write(f"{name:<26} {median:>10.1f} {p95:>10.1f} {queries:>6} {status:>6}")
