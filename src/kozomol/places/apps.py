from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "kozomol.places"
