from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Laporan dan Perhitungan")

    def ready(self) -> None:
        # every change to a fact raises the data version of its unit and period (cached reports
        # and summaries); the job queue reacts to raised versions and locked quarters
        from reports.engine import versions
        from reports.jobs import receivers

        versions.connect()
        receivers.connect()
