from django.urls import path

from kozomol.search import views

app_name = "search"
urlpatterns = [
    path("campaigns/<slug:slug>/search/", views.search_page, name="search"),
]
