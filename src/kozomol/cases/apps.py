from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "kozomol.cases"
