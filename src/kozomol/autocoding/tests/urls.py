"""Only the foundation and this app's pages, so these tests do not depend on apps still being built."""

from django.urls import include, path

urlpatterns = [
    path("", include("kozomol.core.urls")),
    path("accounts/", include("kozomol.accounts.urls")),
    path("campaigns/", include("kozomol.campaigns.urls")),
    path("", include("kozomol.autocoding.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
]
