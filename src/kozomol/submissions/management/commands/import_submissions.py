"""``kozomol import_submissions PATH [PATH ...] --form FORM_ID [--campaign SLUG] [--dry-run]``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kozomol.core.jobs import Progress
from kozomol.questionnaires.models import Form
from kozomol.submissions.io import messages as m
from kozomol.submissions.io.importing import ImportFailed, import_submissions
from kozomol.submissions.io.readers import Source


def find_form(form_id: str, campaign: str | None) -> Form:
    forms = Form.objects.filter(form_id=form_id).select_related("campaign")
    if campaign:
        forms = forms.filter(campaign__slug=campaign)
    found = list(forms[:2])
    if not found:
        raise CommandError(_(m.IMPORT_NO_FORM) % {"form_id": form_id})
    if len(found) > 1:
        raise CommandError(_(m.IMPORT_FORM_AMBIGUOUS) % {"form_id": form_id})
    return found[0]


def _line_count(paths: list[Path]) -> int | None:
    """Rows of plain CSV files, counted fast for the progress bar (quoted line breaks overcount a little)."""
    total = 0
    for path in paths:
        with path.open("rb") as f:
            if f.read(4).startswith(b"PK"):
                return None
            f.seek(0)
            total += sum(chunk.count(b"\n") for chunk in iter(lambda f=f: f.read(1 << 20), b"")) - 1
    return max(total, 0)


class Command(BaseCommand):
    # Django's system checks import every view and URL pattern (most of a second) and check
    # nothing this command uses: the database schema is checked by its own queries.
    requires_system_checks: list[str] = []
    help = "Import submissions from a KoboToolbox / ODK Central export or a CSV file into a form."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("paths", nargs="+", type=Path, help="CSV, XLSX or ZIP files of one export")
        parser.add_argument("--form", required=True, help="form ID of the questionnaire")
        parser.add_argument("--campaign", help="campaign slug (needed if the form ID is used in several)")
        parser.add_argument("--dry-run", action="store_true", help="check everything, store nothing")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        paths: list[Path] = options["paths"]
        missing = [str(p) for p in paths if not p.is_file()]
        if missing:
            raise CommandError(_("No such file: %(paths)s") % {"paths": ", ".join(missing)})
        form = find_form(options["form"], options.get("campaign"))
        source = Source(paths)
        bar = not options["no_progress"]
        # The total only feeds the bar; counting reads the whole file once more (1.2 GB for a million rows).
        total = _line_count(paths) if bar else None
        with Progress(None, total=total, bar=bar, description=form.form_id) as progress:

            def on_rows(n: int) -> None:
                if n < 0:
                    progress.set_total(-n)
                else:
                    progress.advance(n)

            try:
                result = import_submissions(
                    form=form,
                    source=source,
                    actor="kozomol import_submissions",
                    on_rows=on_rows,
                    dry_run=options["dry_run"],
                )
            except ImportFailed as failed:
                for problem in failed.report.errors:
                    sys.stderr.write(problem.line() + "\n")
                if failed.report.error_count > len(failed.report.errors):
                    sys.stderr.write(
                        _("…and %(count)s more errors.")
                        % {"count": failed.report.error_count - len(failed.report.errors)}
                        + "\n"
                    )
                sys.stderr.write(_(m.IMPORT_HAS_ERRORS) % {"count": failed.report.error_count} + "\n")
                raise SystemExit(1) from None
        for warning in result.report.warnings[:50]:
            self.stderr.write(warning.line())
        prefix = _("Dry run: ") if options["dry_run"] else ""
        self.stdout.write(prefix + _(m.IMPORT_DONE) % {"created": result.created, "skipped": result.skipped})
