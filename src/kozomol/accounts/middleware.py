"""Holders of roles that can read personal data may not work until they set up a second factor."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from kozomol.accounts import security

# Pages a person must reach to set the second factor up (or leave).
RECHECK_SECONDS = 300.0
_ALLOWED_PREFIXES = ("/accounts/two-factor/", "/accounts/logout/", "/i18n/", "/static/", "/healthz")


class RequireTwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.session.get("kozomol_2fa_verified")
            and not request.path.startswith(_ALLOWED_PREFIXES)
            and self._requires(request, user)
        ):
            if security.has_confirmed_device(user):
                # Logged in without the second factor (e.g. an old session): ask for it.
                from django.contrib.auth import logout

                request.session.flush()
                logout(request)
                return redirect(reverse("accounts:login"))
            return redirect(reverse("accounts:two_factor_setup"))
        return self.get_response(request)

    @staticmethod
    def _requires(request: HttpRequest, user: object) -> bool:
        # Asking the database on every request costs a query per page; a "no" is
        # remembered in the session for a few minutes, so a role granted
        # mid-session is enforced within RECHECK_SECONDS.
        now = time.time()
        checked = request.session.get("kozomol_2fa_not_required_at")
        if isinstance(checked, float) and 0 <= now - checked < RECHECK_SECONDS:
            return False
        if security.requires_two_factor(user):
            request.session.pop("kozomol_2fa_not_required_at", None)
            return True
        request.session["kozomol_2fa_not_required_at"] = now
        return False
