"""Where facts are entered: the month's entry page, approval and locks, evidence, the money
page, the workbooks, the annual setup, the new year and the quarter's status board."""

from django.urls import path

from perkin.entry import (
    board_views,
    grid_views,
    money_views,
    org_chart_views,
    setup_views,
    setup_workbook,
    views,
)

app_name = "entry"

urlpatterns = [
    path("u/<str:code>/isi/", views.entry_today, name="entry_today"),
    path("u/<str:code>/isi/<year:year>/<month:month>/", views.entry, name="entry"),
    path("u/<str:code>/isi/<year:year>/<month:month>/setujui/", views.approve, name="approve"),
    path(
        "u/<str:code>/isi/<year:year>/<month:month>/kembalikan/", views.return_month, name="return"
    ),
    path("u/<str:code>/kunci/<year:year>/<quarter:quarter>/buka/", views.unlock, name="unlock"),
    path("u/<str:code>/status/", board_views.board_today, name="board_today"),
    path("u/<str:code>/status/<year:year>/<quarter:quarter>/", board_views.board, name="board"),
    path("u/<str:code>/bukti/<pk:pk>/", views.evidence_download, name="evidence"),
    path(
        "u/<str:code>/isi/<year:year>/<month:month>/unduh.xlsx",
        money_views.download_month,
        name="download_month",
    ),
    path(
        "u/<str:code>/isi/<year:year>/unduh.xlsx", money_views.download_year, name="download_year"
    ),
    path("u/<str:code>/impor/<year:year>/", money_views.import_workbook, name="import"),
    path("u/<str:code>/impor/<year:year>/terapkan/", money_views.apply_workbook, name="apply"),
    path("u/<str:code>/keuangan/<year:year>/<month:month>/", money_views.money_month, name="money"),
    path("u/<str:code>/riwayat/<slug:kind>/<pk:pk>/", money_views.history, name="history"),
    path("u/<str:code>/atur/<year:year>/", setup_views.setup_index, name="setup_index"),
    path(
        "u/<str:code>/atur/<year:year>/unduh.xlsx",
        setup_workbook.setup_download,
        name="setup_download",
    ),
    path("u/<str:code>/atur/<year:year>/impor/", setup_workbook.setup_import, name="setup_import"),
    path(
        "u/<str:code>/atur/<year:year>/impor/terapkan/",
        setup_workbook.setup_apply,
        name="setup_apply",
    ),
    path(
        "u/<str:code>/atur/<year:year>/struktur-organisasi/",
        org_chart_views.org_chart,
        name="org_chart",
    ),
    path(
        "u/<str:code>/atur/<year:year>/struktur-organisasi/gambar",
        org_chart_views.org_chart_image,
        name="org_chart_image",
    ),
    path("u/<str:code>/atur/<year:year>/siapkan/", grid_views.rollover, name="rollover"),
    path("u/<str:code>/atur/<year:year>/target/", grid_views.targets, name="targets"),
    path("u/<str:code>/atur/<year:year>/pagu/", grid_views.allocations, name="allocations"),
    path("u/<str:code>/atur/<year:year>/<slug:slug>/", setup_views.setup_table, name="setup_table"),
]
