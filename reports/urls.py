from django.urls import path

from reports.dashboard import report_views, views

app_name = "reports"

urlpatterns = [
    path("", views.home, name="home"),
    path("unit/", views.units_overview_view, name="units"),
    path("u/<str:code>/", views.dashboard, name="dashboard"),
    path("u/<str:code>/indikator/<int:pk>/", views.indicator_detail, name="indicator"),
    path("u/<str:code>/laporan/", report_views.report, name="report"),
    path(
        "u/<str:code>/laporan/unduh/<int:year>/<int:quarter>.<str:fmt>",
        report_views.report_download,
        name="report_download",
    ),
    path("u/<str:code>/laporan/tugas/<int:pk>/", report_views.report_job, name="report_job"),
]
