"""``kozomol catalogs``: update, check and compile the gettext catalogs of every app."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kozomol.lib import catalogs

PACKAGE = Path(__file__).resolve().parents[3]


def app_dirs(only: list[str] | None = None) -> list[Path]:
    dirs = [p for p in sorted(PACKAGE.iterdir()) if (p / "apps.py").exists()]
    if only:
        dirs = [p for p in dirs if p.name in only]
    return dirs


class Command(BaseCommand):
    help = "Update (--update), check (--check) or compile (--compile) the translation catalogs."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--update", action="store_true", help="add new strings to the .po files")
        parser.add_argument(
            "--check", action="store_true", help="fail when a string lacks a Russian or Kyrgyz translation"
        )
        parser.add_argument("--compile", action="store_true", help="write the .mo files")
        parser.add_argument("--app", action="append", help="only this app (may repeat)")

    def handle(self, *args: Any, **options: Any) -> None:
        if not (options["update"] or options["check"] or options["compile"]):
            raise CommandError("say what to do: --update, --check and/or --compile")
        dirs = app_dirs(options["app"])
        if options["update"]:
            for app_dir in dirs:
                added = catalogs.update(app_dir)
                if any(added.values()):
                    self.stdout.write(f"{app_dir.name}: new strings {added}")
        if options["compile"]:
            total = sum(catalogs.compile_app(d) for d in dirs)
            self.stdout.write(f"compiled {total} catalogs")
        if options["check"]:
            problems = [p for d in dirs for p in catalogs.missing(d)]
            for problem in problems:
                self.stderr.write(problem)
            if problems:
                raise CommandError(f"{len(problems)} strings lack a translation")
            self.stdout.write("every string is translated into Russian and Kyrgyz")
