"""``kozomol import_xlsform PATH --campaign SLUG [--target-group CODE]``: prints the form ID."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kozomol.campaigns.models import Campaign, TargetGroup
from kozomol.questionnaires.services import FormImportError, form_import


class Command(BaseCommand):
    help = "Import an XLSForm (.xlsx, .xls, .csv, .md) into a campaign; prints the form ID."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path")
        parser.add_argument("--campaign", required=True, help="the campaign's slug")
        parser.add_argument("--target-group", default="", help="code of one of the campaign's target groups")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        campaign = Campaign.objects.filter(slug=options["campaign"]).first()
        if campaign is None:
            raise CommandError(f"campaign {options['campaign']!r} does not exist")
        group = None
        if options["target_group"]:
            group = TargetGroup.objects.filter(campaign=campaign, code=options["target_group"]).first()
            if group is None:
                codes = ", ".join(campaign.target_groups.values_list("code", flat=True)) or "none"
                raise CommandError(
                    f"campaign {campaign.slug!r} has no target group {options['target_group']!r} (it has: {codes})"
                )
        try:
            version = form_import(
                campaign=campaign,
                content=path.read_bytes(),
                filename=path.name,
                actor="command line",
                target_group=group,
            )
        except FormImportError as exc:
            raise CommandError("\n".join(f"{path.name}: {line}" for line in exc.messages)) from exc
        for warning in version.warnings:
            self.stderr.write(f"warning: {warning}")
        self.stdout.write(version.form.form_id)
