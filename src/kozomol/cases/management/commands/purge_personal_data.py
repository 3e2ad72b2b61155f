"""``kozomol purge_personal_data``: erase the personal data of closed appeals past their retention period."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kozomol.cases import retention


class Command(BaseCommand):
    help = (
        "Erase names, numbers, addresses, stories, notes and attachments of cases closed longer ago than "
        "their campaign's retention period (KOZOMOL_APPEAL_RETENTION_DAYS for cases without one); the "
        "statistics stay. Every erased case is written to the audit log. Run it daily (cron, systemd timer)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="only count the cases whose retention period is over"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["dry_run"]:
            count = retention.expired_cases().count()
            self.stdout.write(f"{count} cases are past their retention period (nothing erased)")
            return
        report = retention.purge_personal_data(actor="kozomol purge_personal_data")
        self.stdout.write(
            f"erased the personal data of {report.cases} cases ({report.attachments} attachments); "
            f"{report.orphan_files} orphan files removed"
        )
