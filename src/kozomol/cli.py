"""The ``kozomol`` console script: Django's command line with Kozomol's settings."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kozomol.settings")
    from kozomol.lib.env import EnvError

    try:
        from django.core.management import execute_from_command_line

        execute_from_command_line(["kozomol", *(sys.argv[1:] if argv is None else argv)])
    except EnvError as exc:
        # One line, naming the variable: the operator fixes it and starts again.
        print(f"kozomol: configuration error: {exc}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
