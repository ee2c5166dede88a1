"""Creates the accounts `make loadtest` logs in with: a planner and a head for each of the
first synthetic units and a reviewer of their echelon-I parent, all with one password, e.g.
`python manage.py loadtest_users --units 50 --password load-only`. For load tests only."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from perkin.models import UnitMembership, WorkUnit

ROLES = {"planner": UnitMembership.Role.PLANNER, "head": UnitMembership.Role.HEAD}


class Command(BaseCommand):
    help = "Creates load-test accounts for the synthetic units (never in production)."

    def add_arguments(self, parser):
        parser.add_argument("--units", type=int, default=50)
        parser.add_argument("--password", required=True)

    def handle(self, *args, units, password, **options):
        found = list(
            WorkUnit.objects.filter(is_synthetic=True, parent__isnull=False).order_by("code")[
                :units
            ]
        )
        if not found:
            raise CommandError("no synthetic units: run generate_synthetic first")
        User = get_user_model()
        accounts = []
        for unit in found:
            for prefix, role in ROLES.items():
                accounts.append((f"load-{prefix}-{unit.code.lower()}", unit, role))
        accounts.append(("load-reviewer", found[0].parent, UnitMembership.Role.REVIEWER))
        for username, unit, role in accounts:
            user, _ = User.objects.get_or_create(username=username)
            user.set_password(password)
            user.save()
            UnitMembership.objects.update_or_create(
                user=user, defaults={"unit": unit, "role": role}
            )
        self.stdout.write(f"{len(accounts)} load-test accounts for {len(found)} units")
