"""The retention purge as a background task that queues its own next run, once a day.

django.tasks has no scheduler, but the database backend defers a task until
``run_after``; each run queues the next, and ``kozomol migrate`` (post_migrate)
or ``kozomol purge_personal_data --schedule`` starts the chain. At most one
run waits at a time. Backends that cannot defer (the inline one of the tests)
are left alone: there, run the command from cron.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

from django.tasks import TaskResultStatus, task
from django.utils import timezone

PURGE_EVERY = dt.timedelta(days=1)


@task
def purge_personal_data_task() -> int:
    from kozomol.cases import retention

    try:
        return retention.purge_personal_data(actor="daily retention task").cases
    finally:
        schedule_purge()


def _already_waiting() -> bool:
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # another backend: it keeps no table we can ask
        return False
    return DBTaskResult.objects.filter(
        task_path=purge_personal_data_task.module_path, status=TaskResultStatus.READY
    ).exists()


def schedule_purge(*, delay: dt.timedelta = PURGE_EVERY) -> bool:
    """Queue the next purge unless one already waits. False where the backend cannot defer."""
    if not purge_personal_data_task.get_backend().supports_defer or _already_waiting():
        return False
    purge_personal_data_task.using(run_after=timezone.now() + delay).enqueue()
    return True


def schedule_after_migrate(**kwargs: Any) -> None:
    """post_migrate: make sure a purge is queued on every instance that has been migrated."""
    from django.db import DatabaseError

    # The task table may not exist yet when only some apps were migrated.
    with contextlib.suppress(DatabaseError):
        schedule_purge()
