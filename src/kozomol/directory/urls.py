from django.urls import path

from kozomol.directory import views

app_name = "directory"
urlpatterns = [
    path("help/", views.search, name="search"),
    path("help/<int:pk>/", views.detail, name="detail"),
    path("help/manage/", views.manage, name="manage"),
    path("help/manage/new/", views.create, name="create"),
    path("help/manage/<int:pk>/", views.edit, name="edit"),
    path("help/manage/<int:pk>/delete/", views.delete, name="delete"),
]
