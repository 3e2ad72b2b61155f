"""The search index: one row per indexed document and a lemma postings table.

The same two plain tables serve SQLite and PostgreSQL, so a query behaves the
same on both: the lemmas come from pymorphy3 (:mod:`kozomol.lib.russian`),
not from the database's own stemmer, and BM25, the boolean operators and
phrases are computed with numpy from the postings a query fetches
(:mod:`kozomol.search.selectors`). On SQLite, migration 0003 adds a second
covering index that also holds the positions (see its docstring).
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Token positions of a document's title start here, so a phrase never runs
# from the end of the text into the title.
TITLE_POSITION_OFFSET = 10_000_000


class IndexedDocument(models.Model):
    document = models.OneToOneField(
        "coding.Document",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_entry",
        verbose_name=_("document"),
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("campaign"),
    )
    length = models.PositiveIntegerField(_("indexed words"), default=0)  # BM25 document length
    text_hash = models.CharField(max_length=64)  # unchanged text is not indexed again
    indexed_at = models.DateTimeField(_("indexed"), default=timezone.now)

    class Meta:
        verbose_name = _("indexed document")
        verbose_name_plural = _("indexed documents")
        indexes = [
            # BM25 statistics (count and total length) of one campaign, from the index alone.
            models.Index(fields=["campaign", "length"], name="search_doc_campaign_length"),
        ]

    def __str__(self) -> str:
        return str(self.document_id)


class Posting(models.Model):
    """One lemma in one document: how often, and at which token positions."""

    id = models.BigAutoField(primary_key=True)
    document = models.ForeignKey(IndexedDocument, on_delete=models.CASCADE, related_name="postings")
    # Copied from the document so that a lookup never joins: (campaign, lemma) is the whole key.
    campaign_id = models.BigIntegerField()
    lemma = models.CharField(max_length=80)
    tf = models.PositiveIntegerField()
    length = models.PositiveIntegerField()  # the document's length, for BM25 without a join
    positions = models.TextField()  # token positions, space-separated, ascending

    class Meta:
        verbose_name = _("posting")
        verbose_name_plural = _("postings")
        indexes = [
            # Every query term: the postings of one lemma in one campaign. It covers
            # document, tf and length, so ranking reads the index alone (positions,
            # needed for phrases only, come from the table).
            models.Index(
                fields=["campaign_id", "lemma", "document", "tf", "length"], name="search_posting_term"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.lemma} @ {self.document_id}"


class CampaignStats(models.Model):
    """Document count and total indexed length of a campaign (BM25), kept by the indexing services."""

    campaign = models.OneToOneField(
        "campaigns.Campaign",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
    )
    documents = models.BigIntegerField(default=0)
    total_length = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("search statistics")
        verbose_name_plural = _("search statistics")

    def __str__(self) -> str:
        return f"{self.campaign_id}: {self.documents}"
