from django.urls import path

from perkin import views

app_name = "perkin"

urlpatterns = [
    path("u/<str:code>/isi/", views.entry_today, name="entry_today"),
    path("u/<str:code>/isi/<int:year>/<int:month>/", views.entry, name="entry"),
    path("u/<str:code>/isi/<int:year>/<int:month>/setujui/", views.approve, name="approve"),
    path("u/<str:code>/isi/<int:year>/<int:month>/kembalikan/", views.return_month, name="return"),
    path("u/<str:code>/kunci/<int:year>/<int:quarter>/buka/", views.unlock, name="unlock"),
    path("u/<str:code>/bukti/<int:pk>/", views.evidence_download, name="evidence"),
]
