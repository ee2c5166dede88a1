"""Where facts are entered: the month's entry page, approval and locks, evidence, the money
page, the workbooks and the annual setup."""

from django.urls import path

from perkin.entry import board_views, grid_views, money_views, setup_views, views

app_name = "entry"

urlpatterns = [
    path("u/<str:code>/isi/", views.entry_today, name="entry_today"),
    path("u/<str:code>/isi/<int:year>/<int:month>/", views.entry, name="entry"),
    path("u/<str:code>/isi/<int:year>/<int:month>/setujui/", views.approve, name="approve"),
    path("u/<str:code>/isi/<int:year>/<int:month>/kembalikan/", views.return_month, name="return"),
    path("u/<str:code>/kunci/<int:year>/<int:quarter>/buka/", views.unlock, name="unlock"),
    path("u/<str:code>/status/", board_views.board_today, name="board_today"),
    path("u/<str:code>/status/<int:year>/<int:quarter>/", board_views.board, name="board"),
    path("u/<str:code>/bukti/<int:pk>/", views.evidence_download, name="evidence"),
    path(
        "u/<str:code>/isi/<int:year>/<int:month>/unduh.xlsx",
        money_views.download_month,
        name="download_month",
    ),
    path("u/<str:code>/isi/<int:year>/unduh.xlsx", money_views.download_year, name="download_year"),
    path("u/<str:code>/impor/<int:year>/", money_views.import_workbook, name="import"),
    path("u/<str:code>/impor/<int:year>/terapkan/", money_views.apply_workbook, name="apply"),
    path("u/<str:code>/keuangan/<int:year>/<int:month>/", money_views.money_month, name="money"),
    path("u/<str:code>/riwayat/<slug:kind>/<int:pk>/", money_views.history, name="history"),
    path("u/<str:code>/atur/<int:year>/", setup_views.setup_index, name="setup_index"),
    path(
        "u/<str:code>/atur/<int:year>/unduh.xlsx", setup_views.setup_download, name="setup_download"
    ),
    path("u/<str:code>/atur/<int:year>/impor/", setup_views.setup_import, name="setup_import"),
    path("u/<str:code>/atur/<int:year>/siapkan/", grid_views.rollover, name="rollover"),
    path("u/<str:code>/atur/<int:year>/target/", grid_views.targets, name="targets"),
    path("u/<str:code>/atur/<int:year>/pagu/", grid_views.allocations, name="allocations"),
    path("u/<str:code>/atur/<int:year>/<slug:slug>/", setup_views.setup_table, name="setup_table"),
]
