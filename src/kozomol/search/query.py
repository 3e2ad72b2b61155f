"""The search query language, parsed into a small tree of lemma terms.

    зарплата                     a word: any of its forms, and words derived from the same verb
    "без трудового договора"     a phrase: these words in this order (stop words keep their place)
    патент OR регистрация        either (also ИЛИ, |)
    полиция AND суд              both (also И, &; two words side by side mean AND too)
    полиция NOT суд, полиция -суд  the first without the second (also НЕ in capitals)
    ( … )                         grouping

Operators are recognised in capitals only, so the ordinary words "и", "или",
"не" inside a query stay words (and, being stop words, are ignored).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext_noop

from kozomol.lib.russian import STOP_WORDS, derivational_family, lemma, tokens

QUERY_EMPTY = gettext_noop("Type at least one word to search for.")
QUERY_UNBALANCED = gettext_noop("A bracket or a quotation mark is not closed.")
QUERY_ONLY_NOT = gettext_noop("Say what to look for, not only what to leave out.")
QUERY_TOO_LONG = gettext_noop("The query is too long (at most 500 characters).")

MAX_QUERY_LENGTH = 500
DERIVED_WEIGHT = 0.7  # a derived word ("депортировали" for "депортация") counts a little less


class QueryError(ValueError):
    pass


@dataclass(frozen=True)
class Term:
    """One query word: its lemma and the related lemmas it also matches, with weights."""

    word: str
    lemmas: tuple[tuple[str, float], ...]  # (lemma, weight), the exact lemma first


@dataclass(frozen=True)
class Phrase:
    slots: tuple[tuple[int, Term], ...]  # (offset from the first word, term); stop words skipped
    text: str


@dataclass
class And:
    parts: list[Node] = field(default_factory=list)
    excluded: list[Node] = field(default_factory=list)


@dataclass
class Or:
    parts: list[Node] = field(default_factory=list)


Node = Term | Phrase | And | Or


def make_term(word: str) -> Term | None:
    base = lemma(word)
    if base in STOP_WORDS or (len(base) < 2 and not base.isdigit()):
        return None
    related = sorted(derivational_family(base) - {base})
    return Term(word=word, lemmas=((base, 1.0), *((r, DERIVED_WEIGHT) for r in related)))


_TOKEN = re.compile(
    r'\s*(?:(?P<quote>"[^"]*"?|«[^»]*»?)|(?P<open>\()|(?P<close>\))|(?P<op>\||&)|(?P<word>[^\s()"«»|&]+))'
)
_OR_WORDS = {"OR", "ИЛИ"}
_AND_WORDS = {"AND", "И"}
_NOT_WORDS = {"NOT", "НЕ"}


def _lex(text: str) -> list[tuple[str, str]]:
    items: list[tuple[str, str]] = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            break
        pos = m.end()
        if m.group("quote") is not None:
            raw = m.group("quote")
            if len(raw) < 2 or raw[-1] not in '"»':
                raise QueryError(QUERY_UNBALANCED)
            items.append(("phrase", raw[1:-1]))
        elif m.group("open"):
            items.append(("(", "("))
        elif m.group("close"):
            items.append((")", ")"))
        elif m.group("op"):
            items.append(("or" if m.group("op") == "|" else "and", m.group("op")))
        else:
            word = m.group("word")
            if word in _OR_WORDS:
                items.append(("or", word))
            elif word in _AND_WORDS:
                items.append(("and", word))
            elif word in _NOT_WORDS:
                items.append(("not", word))
            elif word == "-":  # before a phrase or a bracket: -"…", -(…)
                items.append(("not", "-"))
            elif word.startswith("-") and len(word) > 1:
                items.append(("not", "-"))
                items.append(("word", word[1:]))
            else:
                items.append(("word", word))
    return items


class _Parser:
    def __init__(self, items: list[tuple[str, str]]) -> None:
        self.items = items
        self.i = 0

    def peek(self) -> str | None:
        return self.items[self.i][0] if self.i < len(self.items) else None

    def take(self) -> tuple[str, str]:
        item = self.items[self.i]
        self.i += 1
        return item

    def parse_or(self) -> Node | None:
        parts = [self.parse_and()]
        while self.peek() == "or":
            self.take()
            parts.append(self.parse_and())
        kept = [p for p in parts if p is not None]
        if not kept:
            return None
        return kept[0] if len(kept) == 1 else Or(kept)

    def parse_and(self) -> Node | None:
        node = And()
        while self.peek() not in (None, "or", ")"):
            if self.peek() == "and":
                self.take()
                continue
            negate = False
            while self.peek() == "not":
                self.take()
                negate = not negate
            if self.peek() in (None, "or", ")"):
                break
            child = self.parse_unary()
            if child is None:
                continue
            (node.excluded if negate else node.parts).append(child)
        if not node.parts and not node.excluded:
            return None
        if not node.parts:
            raise QueryError(QUERY_ONLY_NOT)
        if len(node.parts) == 1 and not node.excluded:
            return node.parts[0]
        return node

    def parse_unary(self) -> Node | None:
        kind, value = self.take()
        if kind == "(":
            inner = self.parse_or()
            if self.peek() != ")":
                raise QueryError(QUERY_UNBALANCED)
            self.take()
            return inner
        if kind == ")":
            raise QueryError(QUERY_UNBALANCED)
        # A word with punctuation inside ("трудового-договора", "contract_split") is read as
        # the phrase of its words, exactly as the text was tokenised.
        return make_phrase(value)


def make_phrase(text: str) -> Node | None:
    slots = []
    for token in tokens(text):
        term = make_term(token.text)
        if term is not None:
            slots.append((token.index, term))
    if not slots:
        return None
    first = slots[0][0]
    if len(slots) == 1:
        return slots[0][1]
    return Phrase(slots=tuple((offset - first, term) for offset, term in slots), text=text)


def parse(text: str) -> Node:
    """The query tree of ``text``; :class:`QueryError` (with a message constant) if it has none."""
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError(QUERY_TOO_LONG)
    items = _lex(text)
    if not items:
        raise QueryError(QUERY_EMPTY)
    parser = _Parser(items)
    node = parser.parse_or()
    if parser.peek() == ")":
        raise QueryError(QUERY_UNBALANCED)
    if node is None:
        raise QueryError(QUERY_EMPTY)
    return node


def positive_lemmas(node: Node) -> set[str]:
    """Every lemma that makes a document match (for highlighting), NOT parts left out."""
    if isinstance(node, Term):
        return {lem for lem, _ in node.lemmas}
    if isinstance(node, Phrase):
        return {lem for _, term in node.slots for lem, _ in term.lemmas}
    found: set[str] = set()
    for part in node.parts:
        found |= positive_lemmas(part)
    return found
