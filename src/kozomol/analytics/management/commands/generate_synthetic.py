"""``kozomol generate_synthetic --campaign SLUG --submissions N --appeals N --documents N --seed S``."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kozomol.analytics import synthetic
from kozomol.campaigns.models import Campaign


class Command(BaseCommand):
    help = "Write deterministic synthetic submissions, appeals and documents into a campaign (for demos and benchmarks)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--campaign", required=True, help="campaign slug")
        parser.add_argument("--submissions", type=int, default=0)
        parser.add_argument("--appeals", type=int, default=0)
        parser.add_argument("--documents", type=int, default=0)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args: Any, **opts: Any) -> None:
        campaign = Campaign.objects.filter(slug=opts["campaign"]).first()
        if campaign is None:
            raise CommandError(f"No campaign with the slug {opts['campaign']!r}.")
        for name in ("submissions", "appeals", "documents"):
            if opts[name] < 0:
                raise CommandError(f"--{name} must be zero or more.")
        total = opts["submissions"] + opts["appeals"] + opts["documents"]
        bar = None
        if not opts["no_progress"] and total:
            from tqdm import tqdm

            bar = tqdm(total=total, unit="rows", desc="synthetic", file=self.stderr._out, dynamic_ncols=True)
        started = time.monotonic()
        try:
            report = synthetic.generate(
                campaign,
                submissions=opts["submissions"],
                appeals=opts["appeals"],
                documents=opts["documents"],
                seed=opts["seed"],
                progress=(bar.update if bar else None),
                out=self.stderr.write,
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        finally:
            if bar:
                bar.close()
        self.stdout.write(
            f"{campaign.slug}: {report.submissions} submissions, {report.appeals} appeals, "
            f"{report.documents} documents ({report.passages} coded passages) in {time.monotonic() - started:.1f} s"
        )
        if report.skipped:
            self.stdout.write("skipped (app not landed): " + ", ".join(report.skipped))
