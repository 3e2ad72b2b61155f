from django.urls import path

from kozomol.coding import views

app_name = "coding"
P = "campaigns/<slug:slug>/"
urlpatterns = [
    path(P + "documents/", views.document_list, name="documents"),
    path(P + "documents/new/", views.document_create, name="document_create"),
    path(P + "documents/<int:document_id>/", views.document_detail, name="document"),
    path(P + "documents/<int:document_id>/delete/", views.document_delete, name="document_delete"),
    path(P + "documents/<int:document_id>/passages/", views.passage_create, name="passage_create"),
    path(
        P + "documents/<int:document_id>/passages/<int:passage_id>/",
        views.passage_update,
        name="passage_update",
    ),
    path(P + "coding/passages/", views.passages_batch, name="passages_batch"),
    path(P + "coding/memos/", views.memo_create, name="memo_create"),
    path(P + "coding/memos/<int:memo_id>/delete/", views.memo_delete, name="memo_delete"),
    path(P + "codebook/", views.codebook, name="codebook"),
    path(P + "codebook/new/", views.code_create, name="code_create"),
    path(P + "codebook/export.qdc", views.codebook_export, name="codebook_export"),
    path(P + "codebook/import/", views.codebook_import, name="codebook_import"),
    path(P + "codebook/<int:code_id>/", views.code_edit, name="code_edit"),
    path(P + "codebook/<int:code_id>/move/", views.code_move, name="code_move"),
    path(P + "codebook/<int:code_id>/merge/", views.code_merge, name="code_merge"),
    path(P + "codebook/<int:code_id>/delete/", views.code_delete, name="code_delete"),
    path(P + "analysis/", views.analysis, name="analysis"),
    path(P + "analysis/passages.json", views.passages_json, name="passages_json"),
    path(P + "analysis/quotes.<str:fmt>", views.quotes_export, name="quotes_export"),
    path(P + "analysis/agreement/", views.agreement, name="agreement"),
    path(
        P + "analysis/agreement/documents/<int:document_id>/",
        views.agreement_document,
        name="agreement_document",
    ),
    path(P + "coding/export.qdpx", views.project_export, name="project_export"),
    path(P + "coding/import/", views.project_import, name="project_import"),
]
