"""Running a query against a campaign's index: matching, BM25 ranking, snippets.

The postings of every distinct lemma of a query are read in one statement, each
lemma's as a few space-separated strings built by the database's own string
aggregate (``group_concat`` on SQLite, ``string_agg`` on PostgreSQL): a lemma
found in 20,000 documents comes back as four strings that numpy parses in C,
not as 20,000 Python tuples. Boolean logic, phrase positions and BM25 are then
computed with numpy arrays, identically on both databases.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from kozomol.lib.russian import tokens
from kozomol.search.models import CampaignStats, IndexedDocument, Posting
from kozomol.search.query import And, Node, Or, Phrase, Term, parse, positive_lemmas
from kozomol.search.services import index_term

K1 = 1.2
B = 0.75
_LENGTH_BITS = 24
_POSITION_BITS = 32  # a phrase key is document << 32 | position (title positions start at 10,000,000)

Scores = tuple[np.ndarray, np.ndarray]  # (document ids ascending, unique; their scores)
_NO_DOCS = np.empty(0, dtype=np.int64)
_NOTHING: Scores = (_NO_DOCS, np.empty(0, dtype=np.float64))


@dataclass
class Hit:
    document_id: int
    score: float


@dataclass
class SearchResult:
    query: Node
    total: int
    hits: list[Hit]
    lemmas: set[str]


@dataclass
class _Postings:
    docs: np.ndarray  # ascending
    tf: np.ndarray
    length: np.ndarray
    positions: np.ndarray | None = None  # keys document << 32 | position, when a phrase needed them


def _numbers(raw: str | None) -> np.ndarray:
    if not raw:
        return _NO_DOCS
    return np.fromstring(raw, dtype=np.int64, sep=" ")


def _aggregate(column: str) -> str:
    """A space-separated string of ``column`` over a group, in the same row order for every column."""
    if connection.vendor == "postgresql":
        return f"string_agg(({column})::text, ' ' ORDER BY document_id)"
    # SQLite feeds every aggregate of a group the same rows in the same order (one pass).
    return f"group_concat({column}, ' ')"


class _Index:
    """Postings of one campaign, fetched once per lemma for the query being run."""

    def __init__(self, campaign_id: int) -> None:
        self.campaign_id = campaign_id
        stats = (
            CampaignStats.objects.filter(campaign_id=campaign_id)
            .values_list("documents", "total_length")
            .first()
        )
        self.n, total = stats or (0, 0)
        self.avgdl = total / self.n if self.n else 1.0
        self._cache: dict[str, _Postings] = {}

    def load(self, words: set[str], *, positions: bool = False) -> None:
        """Fetch the postings of ``words`` not fetched yet (with positions if asked) in one statement."""
        missing = sorted(
            w for w in words if w not in self._cache or (positions and self._cache[w].positions is None)
        )
        if not missing:
            return
        # tf and length travel as one number (tf << 24 | length): each aggregate costs the database
        # a text conversion per posting, and a document never has 16 million indexed words.
        columns = [
            _aggregate("document_id"),
            _aggregate(f"CAST(tf AS BIGINT) * {1 << _LENGTH_BITS} + length"),
        ]
        if positions:
            columns.append(_aggregate("positions"))
        marks = ", ".join(["%s"] * len(missing))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT lemma, {', '.join(columns)} FROM {Posting._meta.db_table} "  # noqa: S608 (our names)
                f"WHERE campaign_id = %s AND lemma IN ({marks}) GROUP BY lemma",
                [self.campaign_id, *missing],
            )
            rows = {row[0]: row[1:] for row in cursor.fetchall()}
        for word in missing:
            row = rows.get(word)
            if row is None:
                self._cache[word] = _Postings(_NO_DOCS, _NO_DOCS, _NO_DOCS, _NO_DOCS if positions else None)
                continue
            docs, packed = _numbers(row[0]), _numbers(row[1])
            tf, length = packed >> _LENGTH_BITS, packed & ((1 << _LENGTH_BITS) - 1)
            keys = None
            if positions:
                # A posting's tf is the number of its positions: repeat its document that often.
                keys = (np.repeat(docs, tf) << _POSITION_BITS) | _numbers(row[2])
            order = np.argsort(docs, kind="stable")
            self._cache[word] = _Postings(docs[order], tf[order], length[order], keys)

    def postings(self, word: str) -> _Postings:
        self.load({word})
        return self._cache[word]

    def idf(self, df: int) -> float:
        return math.log(1.0 + (self.n - df + 0.5) / (df + 0.5))

    def bm25(self, word: str, weight: float = 1.0) -> Scores:
        found = self.postings(word)
        if not len(found.docs):
            return _NOTHING
        scale = self.idf(len(found.docs)) * weight * (K1 + 1)
        tf = found.tf.astype(np.float64)
        return found.docs, scale * tf / (tf + K1 * (1 - B) + (K1 * B / self.avgdl) * found.length)

    def all_documents(self) -> Scores:
        ids = np.array(
            sorted(
                IndexedDocument.objects.filter(campaign_id=self.campaign_id).values_list(
                    "document_id", flat=True
                )
            ),
            dtype=np.int64,
        )
        return ids, np.zeros(len(ids))


def _union(parts: list[Scores]) -> Scores:
    """Every document of any part; scores summed."""
    parts = [p for p in parts if len(p[0])]
    if not parts:
        return _NOTHING
    if len(parts) == 1:
        return parts[0]
    docs, where = np.unique(np.concatenate([p[0] for p in parts]), return_inverse=True)
    return docs, np.bincount(where, weights=np.concatenate([p[1] for p in parts]), minlength=len(docs))


def _intersect(a: Scores, b: Scores) -> Scores:
    docs, ia, ib = np.intersect1d(a[0], b[0], assume_unique=True, return_indices=True)
    return docs, a[1][ia] + b[1][ib]


def _without(a: Scores, excluded: np.ndarray) -> Scores:
    keep = ~np.isin(a[0], excluded, assume_unique=True)
    return a[0][keep], a[1][keep]


def _term(index: _Index, term: Term) -> Scores:
    return _union([index.bm25(word, weight) for word, weight in term.lemmas])


def _phrase(index: _Index, phrase: Phrase) -> Scores:
    """Documents with the phrase's words in order (stop words keep their place), scored as the AND
    of its words: positions are compared as document << 32 | position keys."""
    every_word = _evaluate(index, And(parts=[term for _, term in phrase.slots]))
    if not len(every_word[0]):
        return _NOTHING
    index.load({w for _, term in phrase.slots for w, _ in term.lemmas}, positions=True)
    common: np.ndarray | None = None
    for offset, term in phrase.slots:
        keys = [index.postings(word).positions for word, _ in term.lemmas]
        # The key where the phrase would start if this word is at its slot.
        starts = np.unique(np.concatenate([k for k in keys if k is not None])) - offset
        common = starts if common is None else np.intersect1d(common, starts, assume_unique=True)
    assert common is not None
    matched = np.unique(common >> _POSITION_BITS)
    keep = np.isin(every_word[0], matched, assume_unique=True)
    return every_word[0][keep], every_word[1][keep]


def _evaluate(index: _Index, node: Node) -> Scores:
    if isinstance(node, Term):
        return _term(index, node)
    if isinstance(node, Phrase):
        return _phrase(index, node)
    if isinstance(node, Or):
        return _union([_evaluate(index, part) for part in node.parts])
    assert isinstance(node, And)
    # Rarest part first: the intersection shrinks fastest.
    evaluated = sorted((_evaluate(index, part) for part in node.parts), key=lambda s: len(s[0]))
    scores = index.all_documents() if not evaluated else evaluated[0]
    for other in evaluated[1:]:
        scores = _intersect(scores, other)
    for excluded in node.excluded:
        scores = _without(scores, _evaluate(index, excluded)[0])
    return scores


def _lemmas_of(node: Node) -> set[str]:
    """Every lemma the query reads (NOT parts included): fetched together in one statement."""
    if isinstance(node, Term):
        return {w for w, _ in node.lemmas}
    if isinstance(node, Phrase):
        return {w for _, term in node.slots for w, _ in term.lemmas}
    found: set[str] = set()
    for part in list(node.parts) + (list(node.excluded) if isinstance(node, And) else []):
        found |= _lemmas_of(part)
    return found


def _has_phrase(node: Node) -> bool:
    if isinstance(node, Phrase):
        return True
    if isinstance(node, Term):
        return False
    return any(
        _has_phrase(p) for p in list(node.parts) + (list(node.excluded) if isinstance(node, And) else [])
    )


def _best(scores: Scores, limit: int, offset: int) -> list[Hit]:
    """The hits ``offset`` … ``offset + limit`` by score, ties by document id."""
    docs, values = scores
    wanted = offset + limit
    if wanted <= 0 or not len(docs):
        return []
    if len(docs) > 4 * wanted:
        # Only the documents scoring at least the wanted-th best score (ties included) need sorting.
        threshold = -np.partition(-values, wanted - 1)[wanted - 1]
        keep = values >= threshold
        docs, values = docs[keep], values[keep]
    order = np.lexsort((docs, -values))[offset:wanted]
    return [Hit(document_id=int(docs[i]), score=float(values[i])) for i in order]


def search_documents(*, campaign: Any, query: str | Node, limit: int = 20, offset: int = 0) -> SearchResult:
    """Documents of ``campaign`` matching ``query``, best first (BM25; ties by document id).

    Raises :class:`kozomol.search.query.QueryError` for a query with nothing to look for.
    """
    node = parse(query) if isinstance(query, str) else query
    index = _Index(campaign.pk if hasattr(campaign, "pk") else int(campaign))
    index.load(_lemmas_of(node), positions=_has_phrase(node))
    scores = _evaluate(index, node)
    return SearchResult(
        query=node, total=len(scores[0]), hits=_best(scores, limit, offset), lemmas=positive_lemmas(node)
    )


# --- snippets ----------------------------------------------------------------


def highlight(text: str, lemmas: set[str], *, words: int = 36) -> tuple[SafeString, int]:
    """An escaped snippet of ``text`` around its densest run of matches, matches in ``<mark>``.

    Returns the snippet and how many words of the whole text matched.
    """
    toks = tokens(text)
    # index_term is cached per word form as written (a page of results repeats the same forms).
    hits = [i for i, tok in enumerate(toks) if index_term(tok.text) in lemmas]
    if not toks:
        return mark_safe(""), 0  # noqa: S308 (empty)
    if hits:
        # The window of ``words`` tokens holding the most matches.
        best_start, best_count, j = hits[0], 0, 0
        for i, start in enumerate(hits):
            while j < len(hits) and hits[j] < start + words:
                j += 1
            if j - i > best_count:
                best_start, best_count = start, j - i
        first = max(0, best_start - words // 4)
    else:
        first = 0
    last = min(len(toks), first + words)
    marked = set(hits)
    begin = toks[first].start if first > 0 else 0
    end = toks[last - 1].end if last < len(toks) else len(text)
    pieces = ["… " if first > 0 else ""]
    cursor = begin
    for i in range(first, last):
        tok = toks[i]
        pieces.append(escape(text[cursor : tok.start]))
        if i in marked:
            pieces.append(f"<mark>{escape(tok.text)}</mark>")
        else:
            pieces.append(escape(tok.text))
        cursor = tok.end
    pieces.append(escape(text[cursor:end]))
    if last < len(toks):
        pieces.append(" …")
    return mark_safe("".join(pieces).replace("\n", " ")), len(hits)  # noqa: S308 (every piece escaped)
