"""Reference data that Kozomol's apps load in data migrations."""

from __future__ import annotations

from typing import Any

from django.apps import apps


def reload_reference_data() -> None:
    """Run again the data migrations of Kozomol's apps (places, themes, addressees …).

    ``flush`` empties every table, including the reference data those
    migrations loaded; replaying them keeps one source for that data.
    """
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor
    from django.db.migrations.operations.special import RunPython

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes(), clean_start=True)
    for migration, _backwards in plan:
        if not apps.get_app_config(migration.app_label).name.startswith("kozomol."):
            continue
        for operation in migration.operations:
            if isinstance(operation, RunPython):
                state = executor.loader.project_state((migration.app_label, migration.name), at_end=True)
                operation.code(state.apps, _ReplayEditor(connection))  # type: ignore[arg-type]


class _ReplayEditor:
    """What RunPython code uses of a schema editor, usable inside a transaction.

    A real schema editor cannot open inside the demo's transaction on SQLite.
    Data migrations read only ``.connection``; the few RunPython steps that run
    SQL (vendor-specific indexes) write idempotent statements (IF NOT EXISTS),
    so replaying them through a cursor changes nothing.
    """

    def __init__(self, connection: Any) -> None:
        self.connection = connection

    def execute(self, sql: str, params: Any = ()) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params or None)
