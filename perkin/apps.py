from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PerkinConfig(AppConfig):
    name = "perkin"
    verbose_name = _("Perjanjian Kinerja")

    def ready(self) -> None:
        from perkin import locks, signals  # noqa: F401

        # every model that says which period it belongs to refuses writes behind a lock
        locks.connect()
