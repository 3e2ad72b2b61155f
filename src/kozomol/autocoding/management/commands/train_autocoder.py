"""``kozomol train_autocoder SLUG``: train the campaign's auto-coder now and print its held-out figures."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kozomol.autocoding.services import autocoder_train
from kozomol.campaigns.models import Campaign
from kozomol.core.jobs import Progress


class Command(BaseCommand):
    help = "Train a campaign's auto-coder on its coded passages; prints precision, recall and F1 per code."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("campaign", help="campaign slug")

    def handle(self, *args: Any, **options: Any) -> None:
        campaign = Campaign.objects.filter(slug=options["campaign"]).first()
        if campaign is None:
            raise CommandError(f"No campaign with the slug {options['campaign']!r}.")
        with Progress(None, total=3) as progress:
            stored = autocoder_train(campaign=campaign, progress=progress)
        metrics = stored.metrics
        self.stdout.write(
            f"{campaign.slug}: trained on {stored.passages_seen} coded passages ({metrics['units']} units)"
        )
        if "learned" not in metrics:
            self.stdout.write("too few coded passages to measure on a held-out part")
            return
        self.stdout.write(f"held out: {metrics['test_units']} units; trained on {metrics['train_units']}")
        self.stdout.write(f"{'code':<12} {'n':>4} {'P':>6} {'R':>6} {'F1':>6} {'F1 cold':>8}")
        for code, row in metrics["learned"]["per_code"].items():
            cold = metrics["cold"]["per_code"][code]
            self.stdout.write(
                f"{code:<12} {row['support']:>4} {row['precision']:>6.2f} {row['recall']:>6.2f} {row['f1']:>6.2f} {cold['f1']:>8.2f}"
            )
        micro, cold_micro = metrics["learned"]["micro"], metrics["cold"]["micro"]
        self.stdout.write(
            f"{'micro':<12} {micro['support']:>4} {micro['precision']:>6.2f} {micro['recall']:>6.2f} {micro['f1']:>6.2f} {cold_micro['f1']:>8.2f}"
        )
