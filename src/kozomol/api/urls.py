from django.urls import path

from kozomol.api import views
from kozomol.api.registry import ENDPOINTS

app_name = "api"
urlpatterns = [
    path("openapi.json", views.openapi, name="openapi"),
    *[path(ep.django_path, ep.view, name=ep.name) for ep in ENDPOINTS.values()],
]
