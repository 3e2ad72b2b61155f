"""Reference lists administrators maintain: addressees, standards, themes."""

from django.contrib import admin

from kozomol.findings.models import Addressee, Standard, Theme


@admin.register(Addressee)
class AddresseeAdmin(admin.ModelAdmin):
    list_display = ["code", "name_ru", "position", "is_active"]
    list_editable = ["position", "is_active"]
    search_fields = ["code", "name_ru", "name_en"]


@admin.register(Standard)
class StandardAdmin(admin.ModelAdmin):
    list_display = ["instrument", "article", "title_ru", "position"]
    list_filter = ["instrument"]


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["identifier", "label_ru", "label_en", "position"]
