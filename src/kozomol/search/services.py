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
from typing import Any

from django.db import connection, transaction
from django.db.models import F

from kozomol.lib.russian import STOP_WORDS, lemma, tokens
from kozomol.search.models import TITLE_POSITION_OFFSET, CampaignStats, IndexedDocument, Posting

BATCH = 5000


def _indexable(word_lemma: str) -> bool:
    return len(word_lemma) > 1 and word_lemma not in STOP_WORDS


def analyse(title: str, text: str) -> tuple[int, dict[str, list[int]]]:
    """(indexed length, lemma → token positions) of a document."""
    positions: dict[str, list[int]] = defaultdict(list)
    length = 0
    for offset, part in ((0, text), (TITLE_POSITION_OFFSET, title)):
        for token in tokens(part):
            word = lemma(token.text)
            if _indexable(word):
                positions[word[:80]].append(offset + token.index)
                length += 1
    return length, positions


def _hash(title: str, text: str) -> str:
    return hashlib.sha256(f"{title}\x00{text}".encode()).hexdigest()


def _postings(document_id: int, campaign_id: int, title: str, text: str) -> tuple[int, list[Posting]]:
    length, positions = analyse(title, text)
    rows = [
        Posting(
            document_id=document_id,
            campaign_id=campaign_id,
            lemma=word,
            tf=len(where),
            length=length,
            positions=" ".join(map(str, where)),
        )
        for word, where in positions.items()
    ]
    return length, rows


@transaction.atomic
def index_document(*, document: Any, force: bool = False) -> bool:
    """Index (or re-index) one document; False when its text had not changed."""
    digest = _hash(document.title, document.text)
    entry = IndexedDocument.objects.filter(document_id=document.pk).first()
    if (
        entry is not None
        and entry.text_hash == digest
        and entry.campaign_id == document.campaign_id
        and not force
    ):
        return False
    length, rows = _postings(document.pk, document.campaign_id, document.title, document.text)
    if entry is None:
        entry = IndexedDocument.objects.create(
            document_id=document.pk, campaign_id=document.campaign_id, length=length, text_hash=digest
        )
    else:
        Posting.objects.filter(document_id=document.pk).delete()
        _count(entry.campaign_id, -1, -entry.length)
        entry.campaign_id = document.campaign_id
        entry.length = length
        entry.text_hash = digest
        entry.save(update_fields=["campaign", "length", "text_hash", "indexed_at"])
    Posting.objects.bulk_create(rows, batch_size=BATCH)
    _count(document.campaign_id, 1, length)
    return True


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


def on_document_event(event: str, *, document: Any = None, document_id: int) -> None:
    """Listener for :mod:`kozomol.coding.hooks`."""
    if event == "deleted" or document is None:
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
        rows: list[Posting] = []
        for pk, title, text in documents.iterator(chunk_size=2000):
            length, doc_rows = _postings(pk, campaign.pk, title, text)
            entries.append(
                IndexedDocument(
                    document_id=pk, campaign_id=campaign.pk, length=length, text_hash=_hash(title, text)
                )
            )
            rows.extend(doc_rows)
            count += 1
            if len(entries) >= 1000:
                _flush(entries, rows, progress)
                entries, rows = [], []
        _flush(entries, rows, progress)
        _recount(campaign.pk)
    return count


def _flush(entries: Iterable[IndexedDocument], rows: list[Posting], progress: Any) -> None:
    entries = list(entries)
    IndexedDocument.objects.bulk_create(entries, batch_size=BATCH)
    # Plain executemany: a rebuild writes millions of postings, model instances would double its time.
    table = Posting._meta.db_table
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (document_id, campaign_id, lemma, tf, length, positions) "  # noqa: S608 (our names)
            "VALUES (%s, %s, %s, %s, %s, %s)",
            [(p.document_id, p.campaign_id, p.lemma, p.tf, p.length, p.positions) for p in rows],
        )
    if progress is not None:
        progress.advance(len(entries))
