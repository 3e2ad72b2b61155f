from django.urls import path

from kozomol.findings import views

app_name = "findings"
P = "campaigns/<slug:slug>/"
urlpatterns = [
    path(P + "findings/", views.finding_list, name="list"),
    path(P + "findings/new/", views.finding_create, name="create"),
    path(P + "findings/<int:finding_id>/", views.finding_detail, name="detail"),
    path(P + "findings/<int:finding_id>/edit/", views.finding_edit, name="edit"),
    path(P + "findings/<int:finding_id>/state/", views.finding_state, name="state"),
    path(P + "findings/<int:finding_id>/delete/", views.finding_delete, name="delete"),
    path(P + "findings/<int:finding_id>/evidence/", views.evidence_add, name="evidence_add"),
    path(
        P + "findings/<int:finding_id>/evidence/<int:evidence_id>/remove/",
        views.evidence_remove,
        name="evidence_remove",
    ),
    path(P + "recommendations/", views.recommendation_list, name="recommendations"),
    path(P + "recommendations/new/", views.recommendation_create, name="recommendation_create"),
    path(P + "recommendations/inherit/", views.recommendations_inherit, name="inherit"),
    path(P + "recommendations/addressees/new/", views.addressee_create, name="addressee_create"),
    path(
        P + "recommendations/<int:recommendation_id>/edit/",
        views.recommendation_edit,
        name="recommendation_edit",
    ),
    path(
        P + "recommendations/<int:recommendation_id>/status/",
        views.recommendation_status,
        name="recommendation_status",
    ),
    path(P + "statistics/", views.statistics, name="statistics"),
    path(P + "statistics/import/", views.statistics_import, name="statistics_import"),
    path(P + "treaty/", views.treaty, name="treaty"),
    path(P + "treaty/<slug:kind>.docx", views.treaty_export, name="treaty_export"),
]
