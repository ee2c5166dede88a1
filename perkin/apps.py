from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PerkinConfig(AppConfig):
    name = "perkin"
    verbose_name = _("Perjanjian Kinerja")

    def ready(self) -> None:
        from perkin import celery, locks, signals  # noqa: F401  (the job queue's app, the signals)

        # every model that says which period it belongs to refuses writes behind a lock
        locks.connect()
