"""URL patterns of imports and exports, merged into the submissions namespace."""

from django.urls import path

from kozomol.submissions.io import views

urlpatterns: list = [
    path("campaigns/<slug:slug>/submissions/import/", views.import_upload, name="import_upload"),
    path(
        "campaigns/<slug:slug>/submissions/import/<uuid:job_id>/", views.import_preview, name="import_preview"
    ),
    path("campaigns/<slug:slug>/submissions/export/", views.export_start, name="export_start"),
    path(
        "campaigns/<slug:slug>/submissions/export/<uuid:job_id>/download/",
        views.export_download,
        name="export_download",
    ),
]
