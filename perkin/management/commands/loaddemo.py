import os

from django.core.management.base import BaseCommand

from perkin.demo.loader import load_demo


class Command(BaseCommand):
    help = "Loads the BSPJI Palembang 2024 demo year and demo users (idempotent)."

    def handle(self, *args, **options):
        password = os.environ.get("DEMO_PASSWORD") or "perkin-demo"
        stats, logins = load_demo(password=password)
        self.stdout.write(
            f"Demo data: {stats.created} rows created, {stats.updated} updated, "
            f"{stats.unchanged} unchanged."
        )
        self.stdout.write("Demo logins (for the demo only), password: " + password)
        for username, description in logins:
            self.stdout.write(f"  {username:<15} {description}")
