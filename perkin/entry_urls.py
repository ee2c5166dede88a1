from django.urls import path

from perkin import views

app_name = "perkin"

urlpatterns = [
    path("u/<str:code>/bukti/<int:pk>/", views.evidence_download, name="evidence"),
]
