"""Keep the cube honest about edits and deletions of its sources (appends are found by id)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save

from kozomol.analytics import cube


def _campaign_of(instance: Any) -> int | None:
    campaign_id = getattr(instance, "campaign_id", None)
    if campaign_id is None and getattr(instance, "document_id", None):
        campaign_id = getattr(instance.document, "campaign_id", None)
    return campaign_id


def _on_change(source: str) -> Any:
    def handler(sender: Any, instance: Any, created: bool = False, **kwargs: Any) -> None:
        if created:
            return  # a new row has a larger id: cube_sync folds it in on the next read
        cube.mark_dirty(_campaign_of(instance), source)

    return handler


_handlers: list[Any] = []


def connect() -> None:
    for source in cube.SOURCES:
        model = cube.source_model(source)
        if model is None:
            continue
        handler = _on_change(source)
        _handlers.append(handler)  # signals hold weak references
        post_save.connect(handler, sender=model, dispatch_uid=f"analytics-cube-save-{source}")
        post_delete.connect(handler, sender=model, dispatch_uid=f"analytics-cube-delete-{source}")
