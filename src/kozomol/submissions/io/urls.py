"""URL patterns of imports and exports, merged into the submissions namespace."""

urlpatterns: list = []
