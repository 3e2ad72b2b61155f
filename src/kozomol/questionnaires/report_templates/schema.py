"""The small vocabulary the report's questionnaires are written in.

A questionnaire is plain Python data: texts in three languages, questions,
groups and choice lists. ``builder`` turns it into XLSForm sheets. Nothing here
knows about Django, so the data can be built and tested without a database.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

LANGUAGES: tuple[tuple[str, str], ...] = (
    ("ru", "Русский (ru)"),
    ("ky", "Кыргызча (ky)"),
    ("en", "English (en)"),
)
DEFAULT_LANGUAGE = "Русский (ru)"


@dataclass(frozen=True, slots=True)
class T:
    """A text in Russian, Kyrgyz and English."""

    ru: str
    ky: str
    en: str

    def get(self, lang: str) -> str:
        return str(getattr(self, lang))


@dataclass(frozen=True, slots=True)
class Q:
    """One survey row (a question, a note or a calculation)."""

    type: str
    name: str
    label: T | None = None
    hint: T | None = None
    required: bool = False
    relevant: str = ""
    constraint: str = ""
    constraint_message: T | None = None
    appearance: str = ""
    choice_filter: str = ""
    calculation: str = ""


@dataclass(frozen=True, slots=True)
class Group:
    """A ``begin_group`` … ``end_group`` block."""

    name: str
    label: T
    children: tuple[Q | Group, ...]
    relevant: str = ""
    hint: T | None = None


@dataclass(frozen=True, slots=True)
class Choice:
    name: str
    label: T
    country_code: str = ""


@dataclass(frozen=True, slots=True)
class ChoiceList:
    name: str
    choices: tuple[Choice, ...]


@dataclass(frozen=True, slots=True)
class Form:
    """A whole questionnaire: settings, survey rows and the choice lists it uses."""

    code: str
    target_group: str
    title: T
    version: str
    survey: tuple[Q | Group, ...]
    choice_lists: tuple[ChoiceList, ...] = field(default=())


def group(name: str, label: T, *children: Q | Group, relevant: str = "", hint: T | None = None) -> Group:
    return Group(name=name, label=label, children=tuple(children), relevant=relevant, hint=hint)


def open_q(name: str, ru: str, ky: str, en: str, *, hint: T | None = None, relevant: str = "") -> Q:
    """An open question: a multi-line text answer, never required (respondents may skip)."""
    return Q("text", name, T(ru, ky, en), hint=hint, relevant=relevant, appearance="multiline")


def note(name: str, ru: str, ky: str, en: str, *, relevant: str = "") -> Q:
    return Q("note", name, T(ru, ky, en), relevant=relevant)


def choice_list(name: str, items: Iterable[tuple[str, str, str, str]]) -> ChoiceList:
    return ChoiceList(name, tuple(Choice(code, T(ru, ky, en)) for code, ru, ky, en in items))


def walk(items: Sequence[Q | Group]) -> Iterable[Q | Group]:
    """Every question and group, depth first."""
    for item in items:
        yield item
        if isinstance(item, Group):
            yield from walk(item.children)
