from django.urls import path

from kozomol.submissions import openrosa, views
from kozomol.submissions.io.urls import urlpatterns as io_urlpatterns

app_name = "submissions"

_OPENROSA = [
    ("", openrosa.root, "root"),
    ("/formList", openrosa.form_list, "form_list"),
    ("/forms/<int:form_pk>/form.xml", openrosa.form_download, "form_download"),
    ("/forms/<int:form_pk>/manifest", openrosa.form_manifest, "form_manifest"),
    ("/forms/<int:form_pk>/media/<str:name>", openrosa.form_media, "form_media"),
    ("/submission", openrosa.submission, "submission"),
]


def _openrosa(prefix: str, name: str) -> list:
    return [path(prefix + route, view, name=f"{name}_{suffix}") for route, view, suffix in _OPENROSA]


urlpatterns: list = [
    *io_urlpatterns,  # imports and exports (kozomol.submissions.io)
    # OpenRosa: the server URL ODK Collect is given is /openrosa/<slug> (or .../key/<token>).
    *_openrosa("openrosa/<slug:slug>/key/<str:token>", "openrosa_key"),
    *_openrosa("openrosa/<slug:slug>", "openrosa"),
    # Web entry and drafts.
    path("campaigns/<slug:slug>/collect/", views.collect_home, name="collect"),
    path("campaigns/<slug:slug>/collect/forms/<int:form_pk>/start/", views.draft_start, name="draft_start"),
    path("campaigns/<slug:slug>/collect/drafts/<int:draft_pk>/", views.draft_edit, name="draft_edit"),
    path(
        "campaigns/<slug:slug>/collect/drafts/<int:draft_pk>/autosave/",
        views.draft_autosave,
        name="draft_autosave",
    ),
    path(
        "campaigns/<slug:slug>/collect/drafts/<int:draft_pk>/discard/",
        views.draft_discard,
        name="draft_discard",
    ),
    path("campaigns/<slug:slug>/collect/device/", views.collect_device, name="collect_device"),
    path("campaigns/<slug:slug>/collect/device/<int:token_pk>/qr.svg", views.collect_qr, name="collect_qr"),
    path(
        "campaigns/<slug:slug>/collect/device/<int:token_pk>/revoke/",
        views.collect_revoke,
        name="collect_revoke",
    ),
    # Review.
    path("campaigns/<slug:slug>/submissions/", views.review_list, name="review_list"),
    path("campaigns/<slug:slug>/submissions/bulk/", views.review_bulk, name="review_bulk"),
    path("campaigns/<slug:slug>/submissions/<int:pk>/", views.review_detail, name="review_detail"),
    path("campaigns/<slug:slug>/submissions/<int:pk>/edit/", views.review_edit, name="review_edit"),
    path(
        "campaigns/<slug:slug>/submissions/<int:pk>/attachments/<int:attachment_pk>/",
        views.attachment_download,
        name="attachment_download",
    ),
]
