from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("kozomol.core.urls")),
    path("accounts/", include("kozomol.accounts.urls")),
    path("campaigns/", include("kozomol.campaigns.urls")),
    path("audit/", include("kozomol.audit.urls")),
    # Apps that land one by one; each owns its prefix.
    path("", include("kozomol.questionnaires.urls")),
    path("", include("kozomol.submissions.urls")),
    path("", include("kozomol.coding.urls")),
    path("", include("kozomol.search.urls")),
    path("", include("kozomol.autocoding.urls")),
    path("", include("kozomol.cases.urls")),
    path("", include("kozomol.directory.urls")),
    path("", include("kozomol.analytics.urls")),
    path("", include("kozomol.findings.urls")),
    path("", include("kozomol.reports.urls")),
    path("api/v1/", include("kozomol.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

handler400 = "kozomol.core.views.bad_request"
handler403 = "kozomol.core.views.permission_denied"
handler404 = "kozomol.core.views.page_not_found"
handler500 = "kozomol.core.views.server_error"
