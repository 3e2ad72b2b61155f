"""Listeners told when a document changes, so other apps (search, auto-coding) keep up.

``kozomol.coding.services`` calls :func:`document_changed` after every create or
update and :func:`document_deleted` after a delete, inside the same transaction;
a listener that needs to run after commit uses ``transaction.on_commit`` itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from kozomol.coding.models import Document


class DocumentListener(Protocol):
    def __call__(
        self,
        event: str,
        *,
        document: Document | None = None,
        document_id: int | None = None,
        documents: list[Document] | None = None,
    ) -> None: ...


_listeners: list[Callable[..., None]] = []


def register_document_listener(listener: Callable[..., None]) -> None:
    """Register ``listener(event, *, document, document_id, documents)``.

    ``event`` is "changed" (``document``), "changed_many" (``documents``, a batch written
    together, e.g. by an import: one call lets the listener batch its own writes) or
    "deleted" (``document_id``)."""
    if listener not in _listeners:
        _listeners.append(listener)


def unregister_document_listener(listener: Callable[..., None]) -> None:
    if listener in _listeners:
        _listeners.remove(listener)


def document_changed(document: Document) -> None:
    for listener in list(_listeners):
        listener("changed", document=document, document_id=document.pk)


def documents_changed(documents: list[Document]) -> None:
    if not documents:
        return
    for listener in list(_listeners):
        listener("changed_many", documents=documents)


def document_deleted(document_id: int) -> None:
    for listener in list(_listeners):
        listener("deleted", document=None, document_id=document_id)
