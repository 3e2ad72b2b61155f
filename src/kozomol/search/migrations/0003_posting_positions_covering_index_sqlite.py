"""On SQLite, a covering index of the postings that holds their token positions too.

A phrase query reads the positions of every posting of its words. In a plain
rowid table those rows lie wherever their documents were inserted, one page
read per posting (≈ 110 ms for two common words over 100,000 documents); in
this index they are clustered by (campaign, lemma) and read in one range scan
(≈ 11 ms). PostgreSQL keeps the model's index only: a B-tree entry there is
limited to about 2.7 kB, which the positions of a frequent word in a long
transcript can exceed.
"""

from django.db import migrations

NAME = "search_posting_term_positions"


# Through a cursor of the editor's connection, not schema_editor.execute: reference data is
# replayed after a flush (kozomol.core.reference) with a stand-in editor inside a transaction,
# and the statements are idempotent, so replaying them changes nothing.


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {NAME} ON search_posting "
                "(campaign_id, lemma, document_id, tf, length, positions)"
            )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_campaignstats_remove_posting_search_posting_term_and_more")]

    operations = [migrations.RunPython(create, drop)]
