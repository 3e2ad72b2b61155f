"""Reference data that Kozomol's apps load in data migrations."""

from __future__ import annotations

from django.apps import apps


def reload_reference_data() -> None:
    """Run again the data migrations of Kozomol's apps (places, themes, addressees …).

    ``flush`` empties every table, including the reference data those
    migrations loaded; replaying them keeps one source for that data.
    """
    from types import SimpleNamespace

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
                # Data migrations read only .connection from the editor; a real
                # schema editor cannot open inside the demo's transaction on SQLite.
                operation.code(state.apps, SimpleNamespace(connection=connection))  # type: ignore[arg-type]
