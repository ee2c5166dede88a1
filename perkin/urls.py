"""Root URL configuration."""

from django.contrib import admin
from django.urls import include, path

handler403 = "perkin.error_pages.permission_denied"
handler404 = "perkin.error_pages.page_not_found"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("perkin.entry.urls")),
    path("", include("reports.urls")),
]
