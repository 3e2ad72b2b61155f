from typing import Any

from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "kozomol.audit"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

        user_logged_in.connect(_logged_in, dispatch_uid="kozomol_audit_login")
        user_logged_out.connect(_logged_out, dispatch_uid="kozomol_audit_logout")
        user_login_failed.connect(_login_failed, dispatch_uid="kozomol_audit_login_failed")


def _logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    from kozomol.audit.services import audit_record

    audit_record(actor=user, action="login", obj=user, object_repr=user.email)


def _logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    from kozomol.audit.services import audit_record

    if user is not None:
        audit_record(actor=user, action="logout", obj=user, object_repr=user.email)


def _login_failed(sender: Any, credentials: Any, request: Any = None, **kwargs: Any) -> None:
    from kozomol.audit.services import audit_record

    attempted = str((credentials or {}).get("username", ""))[:254]
    audit_record(actor=attempted, action="login_failed", object_type="accounts.user", object_repr=attempted)
