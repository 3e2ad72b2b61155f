"""Login hardening: lockout after repeated failures and TOTP two-factor authentication."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from typing import Any

import pyotp
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from kozomol.accounts.models import LoginAttempt, Membership, RecoveryCode, TOTPDevice, User
from kozomol.accounts.roles import PERSONAL_DATA_ROLES
from kozomol.audit.services import audit_record

LOCKED_OUT_ERROR = gettext_noop("Too many failed attempts. Wait %(minutes)s minutes and try again.")
BAD_CODE_ERROR = gettext_noop("This code is not valid. Check the time on your phone and try again.")

ISSUER = "Kozomol"


def _window() -> dt.timedelta:
    return dt.timedelta(minutes=settings.KOZOMOL_LOCKOUT_MINUTES)


def is_locked_out(*, email: str, ip: str | None) -> bool:
    since = timezone.now() - _window()
    recent = LoginAttempt.objects.filter(created_at__gte=since, succeeded=False)
    if recent.filter(email=email.lower()).count() >= settings.KOZOMOL_LOCKOUT_PER_ACCOUNT:
        return True
    return bool(ip) and recent.filter(ip_address=ip).count() >= settings.KOZOMOL_LOCKOUT_PER_ADDRESS


def record_attempt(*, email: str, ip: str | None, succeeded: bool) -> None:
    LoginAttempt.objects.create(email=email.lower()[:254], ip_address=ip, succeeded=succeeded)


def requires_two_factor(user: Any) -> bool:
    """Holders of roles that can read migrants' personal data must use a second factor."""
    if not settings.KOZOMOL_REQUIRE_2FA or not getattr(user, "is_authenticated", False):
        return False
    return Membership.objects.filter(user=user, role__in=PERSONAL_DATA_ROLES).exists()


def has_confirmed_device(user: Any) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed_at__isnull=False).exists()


@transaction.atomic
def totp_begin(*, user: User) -> TOTPDevice:
    """The user's unconfirmed secret, created on first visit and kept until confirmed."""
    device, _ = TOTPDevice.objects.get_or_create(user=user, defaults={"secret": pyotp.random_base32()})
    return device


def provisioning_uri(device: TOTPDevice) -> str:
    return pyotp.TOTP(device.secret).provisioning_uri(name=device.user.email, issuer_name=ISSUER)


def _accept_totp(device: TOTPDevice, code: str) -> bool:
    totp = pyotp.TOTP(device.secret)
    code = "".join(ch for ch in code if ch.isdigit())
    if len(code) != 6:
        return False
    now = timezone.now().timestamp()
    for drift in (-1, 0, 1):  # allow one step of clock drift either way
        at = now + drift * totp.interval
        step = int(at // totp.interval)
        if step <= device.last_step:
            continue
        if hmac.compare_digest(totp.at(at), code):
            device.last_step = step
            device.save(update_fields=["last_step"])
            return True
    return False


def _hash_recovery(code: str) -> str:
    normalised = code.replace("-", "").replace(" ", "").lower()
    return hashlib.sha256((settings.SECRET_KEY + ":" + normalised).encode()).hexdigest()


@transaction.atomic
def totp_confirm(*, user: User, code: str) -> list[str] | None:
    """Confirm the device with a first code; returns the recovery codes to show once."""
    device = TOTPDevice.objects.select_for_update().filter(user=user).first()
    if device is None or not _accept_totp(device, code):
        return None
    device.confirmed_at = timezone.now()
    device.save(update_fields=["confirmed_at"])
    RecoveryCode.objects.filter(user=user).delete()
    codes = [f"{secrets.token_hex(3)}-{secrets.token_hex(3)}" for _ in range(10)]
    RecoveryCode.objects.bulk_create(RecoveryCode(user=user, code_hash=_hash_recovery(c)) for c in codes)
    audit_record(actor=user, action="update", obj=user, message="two-factor authentication enabled")
    return codes


@transaction.atomic
def second_factor_check(*, user: User, code: str) -> bool:
    """A TOTP code from the device or an unused recovery code."""
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed_at__isnull=False).first()
    if device is not None and _accept_totp(device, code):
        return True
    recovery = RecoveryCode.objects.filter(
        user=user, code_hash=_hash_recovery(code), used_at__isnull=True
    ).first()
    if recovery is not None:
        recovery.used_at = timezone.now()
        recovery.save(update_fields=["used_at"])
        audit_record(actor=user, action="other", obj=user, message="logged in with a recovery code")
        return True
    return False
