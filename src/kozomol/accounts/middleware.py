"""Holders of roles that can read personal data may not work until they set up a second factor."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from kozomol.accounts import security

# Pages a person must reach to set the second factor up (or leave).
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
            and security.requires_two_factor(user)
        ):
            if security.has_confirmed_device(user):
                # Logged in without the second factor (e.g. an old session): ask for it.
                from django.contrib.auth import logout

                request.session.flush()
                logout(request)
                return redirect(reverse("accounts:login"))
            return redirect(reverse("accounts:two_factor_setup"))
        return self.get_response(request)
