"""``kozomol demo``: load the 2013 monitoring as campaign ``monitoring-2013``."""

from __future__ import annotations

import importlib
import secrets
from typing import Any

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from kozomol.accounts.models import User
from kozomol.campaigns import demo
from kozomol.core.reference import reload_reference_data


class Command(BaseCommand):
    help = "Load the demo monitoring campaign (monitoring-2013) with one user per role."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset", action="store_true", help="erase the whole database and load the demo again"
        )
        parser.add_argument(
            "--password", help="set this password for every demo user (for a training session)"
        )
        parser.add_argument("--noinput", "--no-input", action="store_true", help="do not ask before --reset")

    def handle(self, *args: Any, **options: Any) -> None:
        password = options.get("password")
        if password is not None and len(password) < 8:
            raise CommandError("--password: use at least 8 characters")
        if options["reset"]:
            if (
                not options["noinput"]
                and input("This erases every record in the database. Type 'yes': ") != "yes"
            ):
                raise CommandError("reset cancelled")
            call_command("flush", interactive=False, verbosity=0)
            reload_reference_data()
        elif demo.demo_exists():
            if password:
                self._set_passwords(dict.fromkeys(demo.demo_emails(), password))
                self.stdout.write(f"Demo already loaded; every demo user's password is now {password!r}.")
            else:
                self.stdout.write(
                    "Demo already loaded (its passwords were printed when it was loaded). "
                    "Use --password to set new ones or --reset to load it again."
                )
            return

        with transaction.atomic():
            ctx = demo.load_core(out=self.stdout.write)
            for config in apps.get_app_configs():
                if not config.name.startswith("kozomol.") or config.name == "kozomol.campaigns":
                    continue
                try:
                    module = importlib.import_module(f"{config.name}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{config.name}.demo":
                        raise
                    continue
                self.stdout.write(f"loading {config.label} …")
                module.load(ctx)

        passwords = {email: password or secrets.token_urlsafe(9) for email in demo.demo_emails()}
        self._set_passwords(passwords)
        self.stdout.write(self.style.SUCCESS(f"Demo campaign '{demo.DEMO_SLUG}' loaded. Logins:"))
        width = max(len(e) for e in passwords)
        for email, pw in passwords.items():
            self.stdout.write(f"  {email.ljust(width)}  {pw}")
        if not password:
            self.stdout.write("These passwords are shown once; `kozomol demo --password …` sets new ones.")

    def _set_passwords(self, passwords: dict[str, str]) -> None:
        for user in User.objects.filter(email__in=list(passwords)):
            user.set_password(passwords[user.email])
            user.save(update_fields=["password"])
