"""``kozomol export_xlsform FORM_ID -o PATH [--campaign SLUG] [--form-version V]``: writes the uploaded XLSForm back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kozomol.questionnaires.models import Form


class Command(BaseCommand):
    help = "Write a questionnaire's XLSForm (the newest version unless --form-version) to a file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("form_id", help="the XLSForm's form_id")
        parser.add_argument("-o", "--output", required=True)
        parser.add_argument(
            "--campaign", default="", help="the campaign's slug, when several campaigns have this form ID"
        )
        parser.add_argument("--form-version", default="", help="a version of the form (default: the newest)")

    def handle(self, *args: Any, **options: Any) -> None:
        forms = Form.objects.filter(form_id=options["form_id"]).select_related("campaign")
        if options["campaign"]:
            forms = forms.filter(campaign__slug=options["campaign"])
        found = list(forms)
        if not found:
            raise CommandError(f"no form with the ID {options['form_id']!r}")
        if len(found) > 1:
            slugs = ", ".join(sorted(f.campaign.slug for f in found))
            raise CommandError(
                f"form ID {options['form_id']!r} is in several campaigns ({slugs}); add --campaign"
            )
        form = found[0]
        version = (
            form.versions.filter(version=options["form_version"]).first()
            if options["form_version"]
            else form.current_version
        )
        if version is None:
            raise CommandError(f"form {form.form_id!r} has no version {options['version'] or ''}".rstrip())
        output = Path(options["output"])
        if output.is_dir():
            output = output / version.xlsform_name
        if not output.parent.exists():
            raise CommandError(f"{output.parent}: no such directory")
        with version.xlsform.open("rb") as source:
            output.write_bytes(source.read())
        self.stdout.write(str(output))
