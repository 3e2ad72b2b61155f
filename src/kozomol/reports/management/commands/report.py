"""``kozomol report SLUG --format html|docx|pdf --lang ru|ky|en -o PATH``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from kozomol.campaigns.models import Campaign
from kozomol.core.jobs import Progress
from kozomol.reports.services import FORMATS, render, report_filename


class Command(BaseCommand):
    help = "Write the monitoring report of a campaign as HTML, DOCX or PDF."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="the campaign's short name, e.g. monitoring-2013")
        parser.add_argument("--format", choices=FORMATS, default="pdf")
        parser.add_argument("--lang", choices=["ru", "ky", "en"], default="ru")
        parser.add_argument("-o", "--output", help="file to write (default: SLUG-report-LANG.FORMAT here)")
        parser.add_argument("--no-template", action="store_true", help="ignore the campaign's Word template")

    def handle(self, *args: Any, **options: Any) -> None:
        campaign = Campaign.objects.filter(slug=options["slug"]).first()
        if campaign is None:
            raise CommandError(f"no campaign {options['slug']!r}")
        fmt, lang = options["format"], options["lang"]
        path = Path(options["output"] or report_filename(campaign, fmt, lang))
        try:
            with Progress(
                None, total=2, bar=options.get("verbosity", 1) > 0, description=f"{campaign.slug} {fmt}"
            ) as progress:
                data = render(campaign, fmt, lang, progress=progress, use_template=not options["no_template"])
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written beside and renamed: a killed run never leaves half a report under the name.
        partial = path.with_name(path.name + ".partial")
        try:
            partial.write_bytes(data)
            partial.replace(path)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise CommandError(f"cannot write {path}: {exc.strerror}") from None
        self.stdout.write(f"{path} ({len(data):,} bytes)")
