"""Root URL configuration."""

from django.contrib import admin
from django.urls import include, path

from perkin.health import health

urlpatterns = [
    path("sehat/", health, name="health"),
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("perkin.entry.urls")),
    path("", include("reports.urls")),
]
