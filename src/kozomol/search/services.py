"""Keeping the search index in step with the documents.

The index is derived data (it can always be rebuilt from the documents), so
its writes are not audited. :func:`on_document_event` is registered with
:mod:`kozomol.coding.hooks` and runs inside the transaction that changes the
document: a search never sees a document that its index does not.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from kozomol.lib.russian import STOP_WORDS, iter_words, lemma
from kozomol.search.models import TITLE_POSITION_OFFSET, CampaignStats, IndexedDocument, Posting

BATCH = 5000
MAX_LENGTH = (1 << 24) - 1  # indexed words of a document counted for BM25 (a 100 MB text would reach it)
DOCUMENTS_PER_FLUSH = 500  # documents analysed before their postings are written in one executemany


def _indexable(word_lemma: str) -> bool:
    return len(word_lemma) > 1 and word_lemma not in STOP_WORDS


@lru_cache(maxsize=500_000)
def index_term(word: str) -> str:
    """The lemma under which the word form ``word`` (as written) is indexed, or "" for a stop word.

    Cached on the form as written: a corpus repeats a few tens of thousands of forms
    millions of times, so pymorphy3 and folding run once per form, not once per token.
    """
    word_lemma = lemma(word)
    return word_lemma[:80] if _indexable(word_lemma) else ""


def analyse(title: str, text: str) -> tuple[int, dict[str, list[int]]]:
    """(indexed length, lemma → token positions) of a document."""
    positions: dict[str, list[int]] = defaultdict(list)
    length = 0
    term = index_term
    for offset, part in ((0, text), (TITLE_POSITION_OFFSET, title)):
        # Token positions count every word (stop words too, as :func:`kozomol.lib.russian.tokens` does).
        for i, word in enumerate(iter_words(part)):
            found = term(word)
            if found:
                positions[found].append(offset + i)
                length += 1
    return length, positions


def _hash(title: str, text: str) -> str:
    return hashlib.sha256(f"{title}\x00{text}".encode()).hexdigest()


PostingRow = tuple[int, int, str, int, int, str]


def _postings(document_id: int, campaign_id: int, title: str, text: str) -> tuple[int, list[PostingRow]]:
    """(length, rows of (document, campaign, lemma, tf, length, positions)) of one document."""
    length, positions = analyse(title, text)
    # The query engine packs tf and length into one number, length in its low 24 bits.
    length = min(length, MAX_LENGTH)
    rows = [
        (document_id, campaign_id, word, len(where), length, " ".join(map(str, where)))
        for word, where in positions.items()
    ]
    return length, rows


def _insert_postings(rows: list[PostingRow]) -> None:
    # Plain executemany: an import or a rebuild writes hundreds of postings per document,
    # model instances would cost more than the analysis.
    if not rows:
        return
    table = Posting._meta.db_table
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (document_id, campaign_id, lemma, tf, length, positions) "  # noqa: S608 (our names)
            "VALUES (%s, %s, %s, %s, %s, %s)",
            rows,
        )


@transaction.atomic
def index_document(*, document: Any, force: bool = False) -> bool:
    """Index (or re-index) one document; False when its text had not changed."""
    return index_documents(documents=[document], force=force) == 1


@transaction.atomic
def index_documents(*, documents: Iterable[Any], force: bool = False) -> int:
    """Index (or re-index) many documents in one transaction, postings written in batches.

    Documents whose title and text are unchanged since they were indexed are skipped
    (unless ``force``). Returns how many were (re-)indexed.
    """
    documents = list(documents)
    if not documents:
        return 0
    entries = {
        e.document_id: e for e in IndexedDocument.objects.filter(document_id__in=[d.pk for d in documents])
    }
    fresh: list[IndexedDocument] = []
    stale: list[IndexedDocument] = []
    rows: list[PostingRow] = []
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])  # campaign → [documents, length] change
    done = 0
    for document in documents:
        digest = _hash(document.title, document.text)
        entry = entries.get(document.pk)
        if (
            entry is not None
            and entry.text_hash == digest
            and entry.campaign_id == document.campaign_id
            and not force
        ):
            continue
        length, doc_rows = _postings(document.pk, document.campaign_id, document.title, document.text)
        rows.extend(doc_rows)
        if entry is None:
            fresh.append(
                IndexedDocument(
                    document_id=document.pk, campaign_id=document.campaign_id, length=length, text_hash=digest
                )
            )
        else:
            counts[entry.campaign_id][0] -= 1
            counts[entry.campaign_id][1] -= entry.length
            entry.campaign_id = document.campaign_id
            entry.length = length
            entry.text_hash = digest
            entry.indexed_at = timezone.now()
            stale.append(entry)
        counts[document.campaign_id][0] += 1
        counts[document.campaign_id][1] += length
        done += 1
        if len(rows) >= BATCH * 10:
            _write(fresh, stale, rows)
            fresh, stale, rows = [], [], []
    _write(fresh, stale, rows)
    for campaign_id, (n, total) in counts.items():
        _count(campaign_id, n, total)
    return done


def _write(fresh: list[IndexedDocument], stale: list[IndexedDocument], rows: list[PostingRow]) -> None:
    if stale:
        Posting.objects.filter(document_id__in=[e.document_id for e in stale]).delete()
        IndexedDocument.objects.bulk_update(stale, ["campaign", "length", "text_hash", "indexed_at"])
    if fresh:
        IndexedDocument.objects.bulk_create(fresh, batch_size=BATCH)
    _insert_postings(rows)


def _count(campaign_id: int, documents: int, length: int) -> None:
    updated = CampaignStats.objects.filter(campaign_id=campaign_id).update(
        documents=F("documents") + documents, total_length=F("total_length") + length
    )
    if not updated:
        _recount(campaign_id)


def _recount(campaign_id: int) -> None:
    from django.db.models import Count, Sum

    stats = IndexedDocument.objects.filter(campaign_id=campaign_id).aggregate(
        n=Count("pk"), total=Sum("length")
    )
    CampaignStats.objects.update_or_create(
        campaign_id=campaign_id, defaults={"documents": stats["n"] or 0, "total_length": stats["total"] or 0}
    )


@transaction.atomic
def unindex_document(*, document_id: int) -> None:
    entry = IndexedDocument.objects.filter(document_id=document_id).first()
    Posting.objects.filter(document_id=document_id).delete()
    if entry is not None:
        entry.delete()
        _count(entry.campaign_id, -1, -entry.length)


def on_document_event(
    event: str, *, document: Any = None, document_id: int | None = None, documents: Any = None
) -> None:
    """Listener for :mod:`kozomol.coding.hooks`."""
    if event == "changed_many":
        index_documents(documents=documents or [])
    elif event == "deleted" or document is None:
        unindex_document(document_id=document_id)
    else:
        index_document(document=document)


def rebuild_index(*, campaign: Any, progress: Any = None) -> int:
    """Index every document of ``campaign`` afresh; returns how many. One transaction."""
    from kozomol.coding.models import Document

    documents = Document.objects.filter(campaign=campaign).order_by("pk").values_list("pk", "title", "text")
    total = Document.objects.filter(campaign=campaign).count()
    if progress is not None:
        progress.set_total(total)
    count = 0
    with transaction.atomic():
        Posting.objects.filter(campaign_id=campaign.pk).delete()
        IndexedDocument.objects.filter(campaign=campaign).delete()
        entries: list[IndexedDocument] = []
        rows: list[PostingRow] = []
        for pk, title, text in documents.iterator(chunk_size=2000):
            length, doc_rows = _postings(pk, campaign.pk, title, text)
            entries.append(
                IndexedDocument(
                    document_id=pk, campaign_id=campaign.pk, length=length, text_hash=_hash(title, text)
                )
            )
            rows.extend(doc_rows)
            count += 1
            if len(entries) >= DOCUMENTS_PER_FLUSH:
                _flush(entries, rows, progress)
                entries, rows = [], []
        _flush(entries, rows, progress)
        _recount(campaign.pk)
    return count


def _flush(entries: list[IndexedDocument], rows: list[PostingRow], progress: Any) -> None:
    IndexedDocument.objects.bulk_create(entries, batch_size=BATCH)
    _insert_postings(rows)
    if progress is not None:
        progress.advance(len(entries))
