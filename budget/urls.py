from django.urls import path

from budget import setup_views, views

app_name = "budget"

urlpatterns = [
    path(
        "u/<str:code>/isi/<int:year>/<int:month>/unduh.xlsx",
        views.download_month,
        name="download_month",
    ),
    path("u/<str:code>/isi/<int:year>/unduh.xlsx", views.download_year, name="download_year"),
    path("u/<str:code>/impor/<int:year>/", views.import_workbook, name="import"),
    path("u/<str:code>/impor/<int:year>/terapkan/", views.apply_workbook, name="apply"),
    path("u/<str:code>/keuangan/<int:year>/<int:month>/", views.money_month, name="money"),
    path("u/<str:code>/riwayat/<slug:kind>/<int:pk>/", views.history, name="history"),
    path("u/<str:code>/atur/<int:year>/", setup_views.setup_index, name="setup_index"),
    path(
        "u/<str:code>/atur/<int:year>/unduh.xlsx", setup_views.setup_download, name="setup_download"
    ),
    path("u/<str:code>/atur/<int:year>/impor/", setup_views.setup_import, name="setup_import"),
    path("u/<str:code>/atur/<int:year>/<slug:slug>/", setup_views.setup_table, name="setup_table"),
]
