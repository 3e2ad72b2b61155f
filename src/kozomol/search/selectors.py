"""Running a query against a campaign's index: matching, BM25 ranking, snippets.

Each distinct lemma of the query costs one indexed lookup of its postings
(``campaign_id, lemma``); boolean logic, phrase positions and BM25 are then
worked out in Python, identically on SQLite and PostgreSQL.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from kozomol.lib.russian import lemma, tokens
from kozomol.search.models import CampaignStats, IndexedDocument, Posting
from kozomol.search.query import And, Node, Or, Phrase, Term, parse, positive_lemmas

K1 = 1.2
B = 0.75


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
        self._cache: dict[str, dict[int, tuple[int, int]]] = {}

    def postings(self, word: str) -> dict[int, tuple[int, int]]:
        """document → (tf, document length) for one lemma (read from the covering index)."""
        if word not in self._cache:
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT document_id, tf, length FROM {Posting._meta.db_table} "  # noqa: S608 (our name)
                    "WHERE campaign_id = %s AND lemma = %s",
                    [self.campaign_id, word],
                )
                self._cache[word] = {row[0]: (row[1], row[2]) for row in cursor.fetchall()}
        return self._cache[word]

    def idf(self, df: int) -> float:
        return math.log(1.0 + (self.n - df + 0.5) / (df + 0.5))

    def bm25(self, word: str, weight: float = 1.0) -> dict[int, float]:
        found = self.postings(word)
        idf = self.idf(len(found)) * weight
        scale = idf * (K1 + 1)
        base = K1 * (1 - B)
        per_length = K1 * B / self.avgdl
        return {doc: scale * tf / (tf + base + per_length * length) for doc, (tf, length) in found.items()}

    def all_documents(self) -> dict[int, float]:
        ids = IndexedDocument.objects.filter(campaign_id=self.campaign_id).values_list(
            "document_id", flat=True
        )
        return dict.fromkeys(ids, 0.0)


def _add(into: dict[int, float], scores: dict[int, float]) -> None:
    for doc, score in scores.items():
        into[doc] = into.get(doc, 0.0) + score


def _term(index: _Index, term: Term) -> dict[int, float]:
    scores: dict[int, float] = {}
    for word, weight in term.lemmas:
        _add(scores, index.bm25(word, weight))
    return scores


def _phrase(index: _Index, phrase: Phrase) -> dict[int, float]:
    """Documents with the phrase's words in order. The database finds the documents holding every
    word (and their BM25 sum); positions are read for those documents only and checked here."""
    every_word = _SqlQuery(index, And(parts=[term for _, term in phrase.slots]))
    with connection.cursor() as cursor:
        cursor.execute(every_word.sql, every_word.params)
        candidates = {int(d): float(score) for d, score in cursor.fetchall()}
        if not candidates:
            return {}
        words = sorted({w for _, term in phrase.slots for w, _ in term.lemmas})
        marks = ", ".join(["%s"] * len(words))
        cursor.execute(
            f"SELECT document_id, lemma, positions FROM {Posting._meta.db_table} "  # noqa: S608 (our names)
            f"WHERE campaign_id = %s AND lemma IN ({marks}) AND document_id IN (SELECT d FROM ({every_word.sql}) AS c)",
            [index.campaign_id, *words, *every_word.params],
        )
        positions: dict[tuple[int, str], str] = {(int(d), w): raw for d, w, raw in cursor.fetchall()}
    result: dict[int, float] = {}
    for doc, score in candidates.items():
        slots = []
        for offset, term in phrase.slots:
            where: set[int] = set()
            for word, _ in term.lemmas:
                raw = positions.get((doc, word))
                if raw:
                    where.update(map(int, raw.split()))
            slots.append((offset, where))
        first = slots[0][1]
        if any(all(p + offset in where for offset, where in slots[1:]) for p in first):
            result[doc] = score
    return result


def _evaluate(index: _Index, node: Node) -> dict[int, float]:
    if isinstance(node, Term):
        return _term(index, node)
    if isinstance(node, Phrase):
        return _phrase(index, node)
    if isinstance(node, Or):
        scores: dict[int, float] = {}
        for part in node.parts:
            _add(scores, _evaluate(index, part))
        return scores
    assert isinstance(node, And)
    # Rarest part first: the intersection shrinks fastest.
    evaluated = sorted((_evaluate(index, part) for part in node.parts), key=len)
    if not evaluated:
        scores = index.all_documents()
    else:
        scores = dict(evaluated[0])
        for other in evaluated[1:]:
            scores = {doc: s + other[doc] for doc, s in scores.items() if doc in other}
    for excluded in node.excluded:
        left_out = _evaluate(index, excluded)
        scores = {doc: s for doc, s in scores.items() if doc not in left_out}
    return scores


def _has_phrase(node: Node) -> bool:
    if isinstance(node, Phrase):
        return True
    if isinstance(node, Term):
        return False
    parts = list(node.parts) + (list(node.excluded) if isinstance(node, And) else [])
    return any(_has_phrase(p) for p in parts)


def _terms(node: Node) -> list[Term]:
    if isinstance(node, Term):
        return [node]
    if isinstance(node, Phrase):
        return [t for _, t in node.slots]
    found = []
    for part in list(node.parts) + (list(node.excluded) if isinstance(node, And) else []):
        found += _terms(part)
    return found


_REAL = "CAST(%s AS DOUBLE PRECISION)"


class _SqlQuery:
    """A query without phrases, compiled to one SQL statement: the database matches, scores and sorts.

    Each part yields one row per matching document (``d``, ``s``); OR sums the
    parts, AND also requires every part (HAVING), NOT removes documents.
    """

    def __init__(self, index: _Index, node: Node) -> None:
        self.index = index
        self.params: list[Any] = []
        self.table = Posting._meta.db_table
        words = sorted({w for t in _terms(node) for w, _ in t.lemmas})
        self.df = self._document_frequencies(words)
        self.sql = self._compile(node)

    def _document_frequencies(self, words: list[str]) -> dict[str, int]:
        if not words:
            return {}
        marks = ", ".join(["%s"] * len(words))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT lemma, COUNT(*) FROM {self.table} WHERE campaign_id = %s AND lemma IN ({marks}) "  # noqa: S608
                "GROUP BY lemma",
                [self.index.campaign_id, *words],
            )
            return {word: int(count) for word, count in cursor.fetchall()}

    def _compile(self, node: Node) -> str:
        if isinstance(node, Term):
            return self._term(node)
        assert isinstance(node, (And, Or))
        parts = [self._compile(part) for part in node.parts]
        union = " UNION ALL ".join(parts)
        if isinstance(node, Or):
            return f"SELECT d, SUM(s) AS s FROM ({union}) AS u GROUP BY d"  # noqa: S608 (values are parameters)
        sql = f"SELECT d, SUM(s) AS s FROM ({union}) AS u GROUP BY d HAVING COUNT(*) = {len(parts)}"  # noqa: S608
        for excluded in node.excluded:
            excluded_sql = self._compile(excluded)
            sql = f"SELECT d, s FROM ({sql}) AS a WHERE d NOT IN (SELECT d FROM ({excluded_sql}) AS x)"  # noqa: S608
        return sql

    def _term(self, term: Term) -> str:
        present = [(w, weight) for w, weight in term.lemmas if self.df.get(w)]
        if not present:
            return f"SELECT document_id AS d, 0.0 AS s FROM {self.table} WHERE 1 = 0"  # noqa: S608
        index = self.index
        cases = []
        for word, weight in present:
            cases.append(f"WHEN %s THEN {_REAL}")
            self.params += [word, index.idf(self.df[word]) * weight * (K1 + 1)]
        marks = ", ".join(["%s"] * len(present))
        # Our table name and placeholders only; every value is a parameter.
        score = f"SUM((CASE lemma {' '.join(cases)} END) * tf / (tf + {_REAL} + {_REAL} * length))"
        where = f"campaign_id = %s AND lemma IN ({marks})"
        sql = f"SELECT document_id AS d, {score} AS s FROM {self.table} WHERE {where} GROUP BY document_id"  # noqa: S608
        self.params += [K1 * (1 - B), K1 * B / index.avgdl, index.campaign_id, *(w for w, _ in present)]
        return sql

    def run(self, limit: int, offset: int) -> tuple[int, list[Hit]]:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT d, s FROM ({self.sql}) AS q ORDER BY s DESC, d LIMIT %s OFFSET %s",  # noqa: S608
                [*self.params, limit, offset],
            )
            hits = [Hit(document_id=int(d), score=float(score)) for d, score in cursor.fetchall()]
            if offset == 0 and len(hits) < limit:
                return len(hits), hits
            cursor.execute(f"SELECT COUNT(*) FROM ({self.sql}) AS c", self.params)  # noqa: S608
            return int(cursor.fetchone()[0]), hits


def search_documents(*, campaign: Any, query: str | Node, limit: int = 20, offset: int = 0) -> SearchResult:
    """Documents of ``campaign`` matching ``query``, best first (BM25; ties by document id).

    Queries without phrases run as one SQL statement; phrases need token
    positions and are matched here. Both give the same scores.
    Raises :class:`kozomol.search.query.QueryError` for a query with nothing to look for.
    """
    node = parse(query) if isinstance(query, str) else query
    index = _Index(campaign.pk if hasattr(campaign, "pk") else int(campaign))
    if not _has_phrase(node):
        total, hits = _SqlQuery(index, node).run(limit, offset)
        return SearchResult(query=node, total=total, hits=hits, lemmas=positive_lemmas(node))
    scores = _evaluate(index, node)
    wanted = offset + limit
    best = heapq.nsmallest(wanted, scores.items(), key=lambda item: (-item[1], item[0]))
    hits = [Hit(document_id=doc, score=score) for doc, score in best[offset:]]
    return SearchResult(query=node, total=len(scores), hits=hits, lemmas=positive_lemmas(node))


# --- snippets ----------------------------------------------------------------


def highlight(text: str, lemmas: set[str], *, words: int = 36) -> tuple[SafeString, int]:
    """An escaped snippet of ``text`` around its densest run of matches, matches in ``<mark>``.

    Returns the snippet and how many words of the whole text matched.
    """
    toks = tokens(text)
    hits = [i for i, tok in enumerate(toks) if lemma(tok.text) in lemmas]
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
