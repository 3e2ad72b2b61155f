"""Gettext catalogs per app, kept with Babel so no system gettext is needed.

Strings are extracted from Python files (``_()``, ``gettext_lazy()``, …) and
from templates (Django's own ``templatize`` turns ``{% translate %}`` and
``{% blocktranslate %}`` into gettext calls, which Babel then reads).
Each app keeps ``locale/<lang>/LC_MESSAGES/django.po`` of its own, so apps
never edit one another's catalogs.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_python
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

KEYWORDS = {
    "_": None,
    "gettext": None,
    "gettext_lazy": None,
    "gettext_noop": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "npgettext_lazy": ((1, "c"), 2, 3),
}
TEMPLATE_SUFFIXES = {".html", ".txt"}
SKIP_DIRS = {"tests", "migrations", "__pycache__", "locale", "static"}
# Russian is the interface's first language; English is the source language,
# so its catalog may leave msgstr empty (gettext then shows the msgid).
TRANSLATED_LANGUAGES = ("ru", "ky")
ALL_LANGUAGES = ("ru", "ky", "en")

MessageKey = tuple[str | tuple[str, str], str | None]  # (msgid or (singular, plural), context)


@dataclass(frozen=True)
class Message:
    msgid: str | tuple[str, str]
    context: str | None
    location: tuple[str, int]


def _source_files(app_dir: Path) -> Iterator[Path]:
    for path in sorted(app_dir.rglob("*")):
        rel = path.relative_to(app_dir)
        if any(part in SKIP_DIRS for part in rel.parts[:-1]) or not path.is_file():
            continue
        if path.suffix == ".py" or (path.suffix in TEMPLATE_SUFFIXES and "templates" in rel.parts):
            yield path


def extract(app_dir: Path) -> list[Message]:
    from django.utils.translation.template import templatize

    messages: list[Message] = []
    for path in _source_files(app_dir):
        text = path.read_text(encoding="utf-8")
        if path.suffix != ".py":
            # templatize keeps the template's indentation, which Python's tokenizer
            # rejects; its gettext calls hold repr()'d strings on one line, so
            # dropping leading blanks changes no msgid and keeps line numbers.
            text = "\n".join(line.lstrip() for line in templatize(text, origin=str(path)).splitlines())
        for lineno, _funcname, msg, _comments in extract_python(
            io.BytesIO(text.encode("utf-8")), KEYWORDS, [], {"encoding": "utf-8"}
        ):
            raw: list[Any] = list(msg) if isinstance(msg, tuple) else [msg]
            context: str | None = None
            # Babel returns context first for pgettext-style keywords.
            keyword_spec = KEYWORDS.get(str(_funcname))
            if isinstance(keyword_spec, tuple) and keyword_spec and isinstance(keyword_spec[0], tuple):
                context, raw = str(raw[0]), raw[1:]
            parts = [str(p) for p in raw if p is not None]
            if not parts or not parts[0]:
                continue
            msgid: str | tuple[str, str] = parts[0] if len(parts) == 1 else (parts[0], parts[1])
            messages.append(Message(msgid, context, (str(path.relative_to(app_dir)), lineno)))
    return messages


def po_path(app_dir: Path, lang: str) -> Path:
    return app_dir / "locale" / lang / "LC_MESSAGES" / "django.po"


def read_catalog(path: Path, lang: str) -> Catalog:
    if not path.exists():
        return Catalog(locale=lang, domain="django", project="Kozomol")
    with path.open("rb") as handle:
        return read_po(handle, locale=lang, domain="django")


def update(app_dir: Path, languages: tuple[str, ...] = ALL_LANGUAGES) -> dict[str, int]:
    """Add new strings to each catalog and drop the ones no longer used. Returns new counts."""
    messages = extract(app_dir)
    added: dict[str, int] = {}
    for lang in languages:
        path = po_path(app_dir, lang)
        old = read_catalog(path, lang)
        new = Catalog(locale=lang, domain="django", project="Kozomol", fuzzy=False)
        count = 0
        for m in messages:
            existing = old.get(m.msgid if isinstance(m.msgid, str) else m.msgid[0], context=m.context)
            string = (
                existing.string if existing is not None else ("" if isinstance(m.msgid, str) else ("", ""))
            )
            if (
                existing is None
                and new.get(m.msgid if isinstance(m.msgid, str) else m.msgid[0], context=m.context) is None
            ):
                count += 1
            new.add(
                m.msgid,
                string,
                locations=[m.location],
                context=m.context,
                flags=existing.flags if existing is not None else (),
            )
        if not messages and not path.exists():
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            write_po(handle, new, width=100, sort_output=True, omit_header=False, include_lineno=False)
        added[lang] = count
    return added


def compile_app(app_dir: Path) -> int:
    compiled = 0
    for po in sorted(app_dir.glob("locale/*/LC_MESSAGES/django.po")):
        lang = po.parent.parent.name
        catalog = read_catalog(po, lang)
        with po.with_suffix(".mo").open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
        compiled += 1
    return compiled


def missing(app_dir: Path) -> list[str]:
    """Strings used in the app that a catalog lacks or leaves untranslated (or fuzzy)."""
    problems: list[str] = []
    messages = extract(app_dir)
    for lang in TRANSLATED_LANGUAGES:
        catalog = read_catalog(po_path(app_dir, lang), lang)
        for m in messages:
            key = m.msgid if isinstance(m.msgid, str) else m.msgid[0]
            entry = catalog.get(key, context=m.context)
            strings = entry.string if entry is not None else ""
            values = strings if isinstance(strings, tuple) else (strings,)
            where = f"{app_dir.name}/{m.location[0]}:{m.location[1]}"
            if entry is None:
                problems.append(f"{lang}: missing {key!r} ({where})")
            elif entry.fuzzy or not all(values):
                problems.append(f"{lang}: untranslated {key!r} ({where})")
    return problems
