from django.contrib import admin

from kozomol.places.models import Location


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ["code", "kind", "name_ru", "name_ky", "name_en", "is_destination", "is_origin"]
    list_filter = ["kind", "country_code", "is_destination", "is_origin"]
    search_fields = ["code", "name_ru", "name_ky", "name_en"]
