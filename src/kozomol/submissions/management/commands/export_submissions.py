"""``kozomol export_submissions FORM_ID --format csv|xlsx|sav|json [--lang ru] [--labels] [--hxl] -o PATH``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kozomol.core.jobs import Progress
from kozomol.submissions.io.exporting import (
    FORMATS,
    ExportOptions,
    audit_export,
    submissions_for_export,
    write_export,
)
from kozomol.submissions.management.commands.import_submissions import find_form


class Command(BaseCommand):
    # Django's system checks import every view and URL pattern (most of a second) and check
    # nothing this command uses: the database schema is checked by its own queries.
    requires_system_checks: list[str] = []
    help = "Export the submissions of a form (all versions) as CSV, XLSX, SPSS .sav or JSON."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("form_id")
        parser.add_argument("--format", choices=FORMATS, default="csv")
        parser.add_argument("--lang", default="ru", help="language of labels: ru, ky or en")
        parser.add_argument("--labels", action="store_true", help="labels instead of codes")
        parser.add_argument("--hxl", action="store_true", help="a row of HXL hashtags under the header")
        parser.add_argument("--campaign", help="campaign slug (needed if the form ID is used in several)")
        parser.add_argument("-o", "--output", required=True, type=Path)
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        form = find_form(options["form_id"], options.get("campaign"))
        output: Path = options["output"]
        if not output.parent.is_dir():
            raise CommandError(_("No such folder: %(path)s") % {"path": output.parent})
        export = ExportOptions(options["format"], options["lang"], options["labels"], options["hxl"])
        count = submissions_for_export(form).count()
        partial = output.with_name(output.name + ".partial")
        try:
            with Progress(
                None, total=count, bar=not options["no_progress"], description=form.form_id
            ) as progress:
                name = write_export(form, export, partial, progress=progress)
            partial.replace(output)
        finally:
            partial.unlink(missing_ok=True)
        audit_export(
            actor="kozomol export_submissions", form=form, options=export, count=count, background=True
        )
        self.stdout.write(
            _("%(count)s submissions exported to %(path)s (%(type)s).")
            % {"count": count, "path": output, "type": name.content_type}
        )
