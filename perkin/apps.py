from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PerkinConfig(AppConfig):
    name = "perkin"
    verbose_name = _("Perjanjian Kinerja")

    def ready(self) -> None:
        from perkin import celery, signals  # noqa: F401  (the job queue's app, the signals)
