from django.urls import path

from kozomol.reports import views

app_name = "reports"
urlpatterns = [
    path("campaigns/<slug:slug>/report/", views.preview, name="preview"),
    path("campaigns/<slug:slug>/report/generate/", views.generate, name="generate"),
    path("campaigns/<slug:slug>/report/template/", views.template_upload, name="template_upload"),
    path("campaigns/<slug:slug>/report/template/delete/", views.template_delete, name="template_delete"),
    path("reports/<uuid:job_id>/download/", views.download, name="download"),
]
