from django.urls import path

from kozomol.questionnaires import views

app_name = "questionnaires"
urlpatterns: list = [
    path("campaigns/<slug:slug>/forms/", views.form_list, name="list"),
    path("campaigns/<slug:slug>/forms/upload/", views.form_upload, name="upload"),
    path("campaigns/<slug:slug>/forms/templates/", views.template_gallery, name="templates"),
    path("campaigns/<slug:slug>/forms/<int:form_pk>/", views.form_detail, name="detail"),
    path("campaigns/<slug:slug>/forms/<int:form_pk>/toggle/", views.form_toggle, name="toggle"),
    path("campaigns/<slug:slug>/forms/<int:form_pk>/media/", views.media_upload, name="media_upload"),
    path("campaigns/<slug:slug>/forms/<int:form_pk>/media/<str:name>", views.media_download, name="media"),
    path(
        "campaigns/<slug:slug>/forms/<int:form_pk>/versions/<int:version_pk>/xlsform/",
        views.xlsform_download,
        name="xlsform",
    ),
    path(
        "campaigns/<slug:slug>/forms/<int:form_pk>/versions/<int:version_pk>/xform/",
        views.xform_download,
        name="xform",
    ),
]
