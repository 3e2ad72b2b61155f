"""``kozomol serve``: the production server (gunicorn + whitenoise) and a task worker."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Serve Kozomol with gunicorn (static files by whitenoise) and run a background task worker."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
        parser.add_argument("--threads", type=int, default=4, help="threads per worker")
        parser.add_argument(
            "--no-task-worker", action="store_true", help="do not start the background task worker"
        )
        parser.add_argument("--no-collectstatic", action="store_true")
        parser.add_argument("--access-log", action="store_true", help="log every request to stdout")

    def handle(self, *args: Any, **options: Any) -> None:
        from gunicorn.app.base import BaseApplication

        from kozomol.wsgi import application

        if not options["no_collectstatic"]:
            call_command("collectstatic", interactive=False, verbosity=0)
        worker: subprocess.Popen[bytes] | None = None
        if not options["no_task_worker"]:
            # Background jobs (imports, exports, reports) run in a sibling process
            # so a fresh install needs no extra server.
            worker = subprocess.Popen(
                [sys.executable, "-m", "kozomol.cli", "db_worker", "--interval", "0.5"],
                env=os.environ.copy(),
            )

        bind = (
            f"[{options['host']}]:{options['port']}"
            if ":" in options["host"]
            else f"{options['host']}:{options['port']}"
        )
        config = {
            "bind": bind,
            "workers": options["workers"],
            "threads": options["threads"],
            "worker_class": "gthread",
            "timeout": 120,
            "graceful_timeout": 20,
            "accesslog": "-" if options["access_log"] else None,
            "errorlog": "-",
            "loglevel": "warning",
        }

        class KozomolServer(BaseApplication):  # type: ignore[misc]
            def load_config(self) -> None:
                for key, value in config.items():
                    if value is not None:
                        self.cfg.set(key, value)

            def load(self) -> Any:
                return application

        self.stdout.write(f"Kozomol serving on http://{bind}/")
        try:
            KozomolServer().run()
        finally:
            if worker is not None:
                worker.terminate()
                try:
                    worker.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    worker.kill()
