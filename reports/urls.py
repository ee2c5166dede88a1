from django.urls import include, path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.home, name="home"),
    path("unit/", views.units_overview_view, name="units"),
    path("u/<str:code>/", views.dashboard, name="dashboard"),
    path("u/<str:code>/indikator/<int:pk>/", views.indicator_detail, name="indicator"),
    path("u/<str:code>/laporan/", include("reports.report_urls")),
]
