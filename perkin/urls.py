"""Root URL configuration."""

from django.contrib import admin
from django.urls import include, path

from perkin import converters
from perkin.accounts import ThrottledLoginView
from perkin.health import health

converters.register()  # <year:...>, <month:...>, <quarter:...>, <pk:...> in the apps' URLs

handler403 = "perkin.error_pages.permission_denied"
handler404 = "perkin.error_pages.page_not_found"

urlpatterns = [
    path("sehat/", health, name="health"),
    path("admin/", admin.site.urls),
    path("accounts/login/", ThrottledLoginView.as_view(), name="login"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("perkin.entry.urls")),
    path("", include("reports.urls")),
]

handler500 = "perkin.errors.server_error"
