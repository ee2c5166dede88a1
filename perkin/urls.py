"""Root URL configuration."""

from django.contrib import admin
from django.urls import include, path

from perkin import converters

converters.register()  # <year:...>, <month:...>, <quarter:...>, <pk:...> in the apps' URLs

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("perkin.entry.urls")),
    path("", include("reports.urls")),
]
