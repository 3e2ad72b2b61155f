from django.urls import path

from kozomol.autocoding import views

app_name = "autocoding"
urlpatterns = [
    path("campaigns/<slug:slug>/suggestions/", views.suggestions_page, name="suggestions"),
    path("campaigns/<slug:slug>/suggestions/decide/", views.suggestion_decide, name="decide"),
    path("campaigns/<slug:slug>/suggestions/retrain/", views.retrain, name="retrain"),
]
