"""Pure helpers shared by several apps (no models, no views)."""
