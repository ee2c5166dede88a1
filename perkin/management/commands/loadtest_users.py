"""Creates the accounts `make loadtest` uses: a planner and a head for each of the first
synthetic units and a reviewer of their echelon-I parent, all with one password, and a signed-in
session for each (written to --sessions as JSON), so the load test measures the pages rather
than 50 password hashes at once. E.g. `python manage.py loadtest_users --units 50 --password
load-only --sessions var/loadtest/sessions.json`. For load tests only."""

import json
from pathlib import Path

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.core.management.base import BaseCommand, CommandError

from perkin.models import UnitMembership, WorkUnit

ROLES = {"planner": UnitMembership.Role.PLANNER, "head": UnitMembership.Role.HEAD}


class Command(BaseCommand):
    help = "Creates load-test accounts for the synthetic units (never in production)."

    def add_arguments(self, parser):
        parser.add_argument("--units", type=int, default=50)
        parser.add_argument("--password", required=True)
        parser.add_argument("--sessions", help="write a signed-in session per account here")

    def handle(self, *args, units, password, sessions, **options):
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
        keys = {}
        for username, unit, role in accounts:
            user, _ = User.objects.get_or_create(username=username)
            user.set_password(password)
            user.save()
            UnitMembership.objects.update_or_create(
                user=user, defaults={"unit": unit, "role": role}
            )
            session = SessionStore()
            session[SESSION_KEY] = str(user.pk)
            session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
            session[HASH_SESSION_KEY] = user.get_session_auth_hash()
            session.create()
            keys[username] = session.session_key
        if sessions:
            Path(sessions).parent.mkdir(parents=True, exist_ok=True)
            Path(sessions).write_text(json.dumps(keys))
        self.stdout.write(f"{len(accounts)} load-test accounts for {len(found)} units")
