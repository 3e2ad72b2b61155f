from django.contrib import admin

from kozomol.cases.models import IntakeRoute


@admin.register(IntakeRoute)
class IntakeRouteAdmin(admin.ModelAdmin):
    """Administrators decide which organisation receives new public appeals from where."""

    list_display = ("__str__", "organisation", "country", "city")
    autocomplete_fields = ()
