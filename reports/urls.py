from django.urls import path

from reports.dashboard import report_views, views

app_name = "reports"

urlpatterns = [
    path("", views.home, name="home"),
    path("unit/", views.units_overview_view, name="units"),
    path("u/<str:code>/", views.dashboard, name="dashboard"),
    path("u/<str:code>/indikator/<pk:pk>/", views.indicator_detail, name="indicator"),
    path("u/<str:code>/laporan/", report_views.report, name="report"),
    path(
        "u/<str:code>/laporan/unduh/<year:year>/<quarter:quarter>.<str:fmt>",
        report_views.report_download,
        name="report_download",
    ),
    path(
        "u/<str:code>/laporan/temuan/terima/",
        report_views.finding_acknowledge,
        name="finding_acknowledge",
    ),
    path("u/<str:code>/laporan/final/", report_views.report_finalise, name="report_finalise"),
    path(
        "u/<str:code>/laporan/final/<pk:pk>.<str:fmt>",
        report_views.final_download,
        name="final_download",
    ),
    path(
        "u/<str:code>/laporan/final/<pk:pk>/tanda-tangan/",
        report_views.final_signed_upload,
        name="final_signed_upload",
    ),
    path("u/<str:code>/laporan/tugas/<pk:pk>/", report_views.report_job, name="report_job"),
]
