"""``kozomol audit_verify``: walk the audit chain and name the first entry that was tampered with."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from kozomol.audit.services import verify_chain


class Command(BaseCommand):
    help = "Verify the hash chain of the audit log; exits non-zero at the first changed, removed or inserted entry."

    def handle(self, *args: Any, **options: Any) -> None:
        checked, bad, reason = verify_chain()
        if reason:
            where = (
                f"entry #{bad.pk} ({bad.created_at:%Y-%m-%d %H:%M:%S}, {bad.action} {bad.object_type} {bad.object_id})"
                if bad
                else "the end of the chain"
            )
            raise CommandError(
                f"audit log broken at {where}: {reason}; {checked} entries before it are intact"
            )
        self.stdout.write(f"audit log intact: {checked} entries verified")
