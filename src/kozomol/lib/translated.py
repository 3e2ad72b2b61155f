"""Content that carries its own translations (``name_ru``, ``name_ky``, ``name_en``).

Interface strings go through gettext; content written by users (names,
labels, definitions) is stored once per language and picked here, falling
back to Russian, the language every record must have.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language

CONTENT_LANGUAGES = ("ru", "ky", "en")
FALLBACK_LANGUAGE = "ru"


def current_content_language() -> str:
    lang = (get_language() or FALLBACK_LANGUAGE).split("-")[0]
    return lang if lang in CONTENT_LANGUAGES else FALLBACK_LANGUAGE


def pick(obj: Any, field: str, lang: str | None = None) -> str:
    """The value of ``<field>_<lang>``, or the Russian one when it is empty."""
    lang = lang or current_content_language()
    value = getattr(obj, f"{field}_{lang}", "") or ""
    if not value:
        value = getattr(obj, f"{field}_{FALLBACK_LANGUAGE}", "") or ""
    return str(value)


def pick_dict(values: dict[str, str] | None, lang: str | None = None) -> str:
    """The same choice for a ``{"ru": ..., "ky": ..., "en": ...}`` dict."""
    if not values:
        return ""
    lang = lang or current_content_language()
    return values.get(lang) or values.get(FALLBACK_LANGUAGE) or next(iter(values.values()), "")
