"""``kozomol erase_person``: erase one person's data on request, found by phone, passport number or code."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from kozomol.audit.models import AuditEntry
from kozomol.audit.services import audit_record
from kozomol.cases import retention


class Command(BaseCommand):
    help = (
        "Erase the personal data of every case of one person — found through the blind index of the phone "
        "or passport number (nothing is decrypted), or by tracking code — keeping the statistics. "
        "Each case is written to the audit log with the reason; the erased values never are."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--phone", default="", help="the person's phone number, in any format")
        parser.add_argument("--passport", default="", help="the person's passport number")
        parser.add_argument("--case", default="", help="a tracking code (KZ-XXXX-XXXX): that case only")
        parser.add_argument(
            "--reason", default="", help="why, for the audit log (e.g. 'asked by phone on 3 March')"
        )
        parser.add_argument("--by", default="", help="who carries it out, for the audit log")
        parser.add_argument("--dry-run", action="store_true", help="only list the cases found")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            cases = list(
                retention.find_person_cases(
                    phone=options["phone"], passport=options["passport"], reference=options["case"]
                ).values_list("pk", "reference", "erased_at")
            )
        except ValidationError as exc:
            raise CommandError(exc.messages[0]) from None
        # Looking a person up is a use of personal data too: logged, without the number.
        audit_record(
            actor=f"kozomol erase_person{' by ' + options['by'] if options['by'] else ''}",
            action=AuditEntry.Action.VIEW,
            object_type="cases.case",
            object_repr=f"erasure search: {len(cases)} cases found",
            message="blind-index search for an erasure request (command line)",
        )
        if not cases:
            raise CommandError("no case matches")
        for _pk, reference, erased_at in cases:
            state = f"already erased {erased_at:%Y-%m-%d}" if erased_at else "will be erased"
            self.stdout.write(f"{reference}: {state}")
        if options["dry_run"]:
            return
        if not options["reason"].strip():
            raise CommandError("say why with --reason (it goes to the audit log)")
        actor = f"kozomol erase_person{' by ' + options['by'] if options['by'] else ''}"
        report = retention.erase_cases(
            [pk for pk, _r, _e in cases], actor=actor, reason=f"on request: {options['reason'].strip()}"
        )
        self.stdout.write(
            f"erased the personal data of {report.cases} cases ({report.attachments} attachments)"
        )
