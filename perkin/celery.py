"""The job queue: one Celery app for the project (``celery -A perkin worker``). Its settings
are the ``CELERY_*`` names of perkin/settings.py; the broker comes from the environment, and
without one every task runs in the process that asks for it (``make run`` needs no server).
The tasks live in reports/jobs/tasks.py. This module imports nothing of the project, so any
layer may load it; perkin.apps does, so the app exists in every Django process."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "perkin.settings")

app = Celery("perkin")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["reports.jobs"])
