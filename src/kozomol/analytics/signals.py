"""Keep the cube honest about edits and deletions of its sources (appends are found by id).

An edit or a deletion is applied to the cells as a delta: before the write, the
row's contribution is read as the database holds it; after the write, again;
the difference goes into the cells in the same transaction as the row. No
reader then has to wait for a recount of the campaign (a million submissions
take minutes to fold), whatever the caseworkers and reviewers change.

Writes that send no signals (``QuerySet.update``, raw SQL) are not seen; the
applications change submissions, appeals and passages through ``save()``.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

from kozomol.analytics import cube

_BEFORE = "_analytics_cube_before"


def _campaign_of(instance: Any) -> int | None:
    campaign_id = getattr(instance, "campaign_id", None)
    if campaign_id is None and getattr(instance, "document_id", None):
        campaign_id = getattr(instance.document, "campaign_id", None)
    return campaign_id


def _handlers_for(source: str) -> tuple[Any, Any, Any]:
    def before(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
        if raw or instance.pk is None:
            return
        setattr(instance, _BEFORE, cube.row_contributions(source, instance.pk))

    def after_save(
        sender: Any, instance: Any, created: bool = False, raw: bool = False, **kwargs: Any
    ) -> None:
        if raw:
            # Fixtures (loaddata) write rows as they were: recount rather than guess what changed.
            cube.mark_dirty(_campaign_of(instance), source)
            return
        if _BEFORE not in instance.__dict__:
            # A new row with a new id lies past every cube's high-water mark: cube_sync folds it
            # in on the next read (no query here, so inserts cost nothing more).
            return
        old = instance.__dict__.pop(_BEFORE)
        cube.apply_delta(source, old, cube.row_contributions(source, instance.pk))

    def after_delete(sender: Any, instance: Any, **kwargs: Any) -> None:
        cube.apply_delta(source, instance.__dict__.pop(_BEFORE, {}), {})

    return before, after_save, after_delete


_handlers: list[Any] = []


def connect() -> None:
    for source in cube.SOURCES:
        model = cube.source_model(source)
        if model is None:
            continue
        before, after_save, after_delete = _handlers_for(source)
        _handlers.extend([before, after_save, after_delete])  # signals hold weak references
        pre_save.connect(before, sender=model, dispatch_uid=f"analytics-cube-pre-save-{source}")
        pre_delete.connect(before, sender=model, dispatch_uid=f"analytics-cube-pre-delete-{source}")
        post_save.connect(after_save, sender=model, dispatch_uid=f"analytics-cube-save-{source}")
        post_delete.connect(after_delete, sender=model, dispatch_uid=f"analytics-cube-delete-{source}")
