from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Laporan dan Perhitungan")

    def ready(self) -> None:
        # every change to a fact raises its unit's data version (cached reports, see signals)
        from reports.engine import versions

        versions.connect()
        from reports.engine import report_versions

        report_versions.connect()
