import time
from datetime import date

from django.core.management.base import BaseCommand

from perkin.demo.synthetic import generate_synthetic


class Command(BaseCommand):
    help = "Generates deterministic synthetic units (marked SINTETIS) shaped like the seed year."

    def add_arguments(self, parser):
        parser.add_argument("--units", type=int, default=10)
        parser.add_argument("--years", type=int, default=1)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--last-year", type=int, default=date.today().year)
        parser.add_argument(
            "--first", type=int, default=1, help="start at this unit (share the work out)"
        )

    def handle(self, *args, units, years, seed, last_year, first, **options):
        start = time.perf_counter()
        created = generate_synthetic(
            units=units, years=years, seed=seed, last_year=last_year, first=first
        )
        self.stdout.write(
            f"{len(created)} synthetic units x {years} years up to {last_year} "
            f"in {time.perf_counter() - start:.1f} s"
        )
