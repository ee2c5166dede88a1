"""The quarterly report of a unit, under u/<code>/laporan/ in the reports namespace."""

from django.urls import path

from reports import report_views

urlpatterns = [
    path("", report_views.report, name="report"),
    path(
        "unduh/<int:year>/<int:quarter>.<str:fmt>",
        report_views.report_download,
        name="report_download",
    ),
]
