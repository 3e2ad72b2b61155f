"""``kozomol purge_personal_data``: erase the personal data of closed appeals past their retention period."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kozomol.cases import retention


class Command(BaseCommand):
    help = (
        "Erase names, numbers, addresses, stories, notes and attachments of cases closed longer ago than "
        "their campaign's retention period (KOZOMOL_APPEAL_RETENTION_DAYS for cases without one); the "
        "statistics stay. Every erased case is written to the audit log. Run it daily (cron, systemd timer), "
        "or --schedule the daily background task."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="only count the cases whose retention period is over"
        )
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="queue the daily background purge (kozomol serve's task worker runs it) instead of purging now",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["schedule"]:
            from kozomol.cases.tasks import schedule_purge

            queued = schedule_purge()
            self.stdout.write(
                "the daily purge is queued"
                if queued
                else "nothing queued: a purge already waits, or the task backend cannot defer (use cron)"
            )
            return
        if options["dry_run"]:
            count = retention.expired_cases().count()
            self.stdout.write(f"{count} cases are past their retention period (nothing erased)")
            return
        report = retention.purge_personal_data(actor="kozomol purge_personal_data")
        self.stdout.write(
            f"erased the personal data of {report.cases} cases ({report.attachments} attachments); "
            f"{report.orphan_files} orphan files removed"
        )
