from django.apps import AppConfig


class AutocodingConfig(AppConfig):
    name = "kozomol.autocoding"
