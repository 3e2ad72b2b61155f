"""Documents for the search tests, written straight to the table and announced through the coding hooks,
exactly as coding's services announce them."""

from __future__ import annotations

from typing import Any

from kozomol.coding import hooks
from kozomol.coding.models import Document


def add_document(campaign: Any, text: str, *, title: str = "Интервью", external_id: str = "") -> Document:
    document = Document.objects.create(campaign=campaign, title=title, text=text, external_id=external_id)
    hooks.document_changed(document)
    return document


def change_document(document: Document, *, text: str) -> None:
    document.text = text
    document.save(update_fields=["text"])
    hooks.document_changed(document)


def delete_document(document: Document) -> None:
    pk = document.pk
    document.delete()
    hooks.document_deleted(pk)
