"""A small rate limiter for the public pages, counted in the database.

Fixed windows per bucket and client address. Addresses are kept only as an
HMAC (with the site's secret key), so the table does not become a list of
who wrote to the reception. Limits come from the environment at request
time, so a deployment (or the benchmark) can change them without code:

* ``KOZOMOL_APPEAL_RATE_LIMIT``  — appeals filed, default ``10/3600`` (10 per hour);
* ``KOZOMOL_STATUS_RATE_LIMIT``  — status look-ups, default ``20/600``;
* ``KOZOMOL_PUBLIC_RATE_LIMIT``  — other public page views, default ``120/60``.

``off`` (or ``0``) lifts a limit.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kozomol.cases.models import RateLimitHit

DEFAULTS = {
    "appeal": ("KOZOMOL_APPEAL_RATE_LIMIT", "10/3600"),
    "status": ("KOZOMOL_STATUS_RATE_LIMIT", "20/600"),
    "public": ("KOZOMOL_PUBLIC_RATE_LIMIT", "120/60"),
}


def limit_for(bucket: str) -> tuple[int, int] | None:
    """(requests, seconds) for a bucket, or None when lifted."""
    variable, default = DEFAULTS[bucket]
    raw = os.environ.get(variable, default).strip().lower()
    if raw in {"off", "0", "none", ""}:
        return None
    try:
        count, _, seconds = raw.partition("/")
        return max(1, int(count)), max(1, int(seconds or "60"))
    except ValueError:
        raise ValueError(f"{variable}: expected '<requests>/<seconds>' or 'off', got {raw!r}") from None


def client_address(request: HttpRequest) -> str:
    # One rule for every client address in Kozomol (audit, lockout, rate limits).
    from kozomol.core.middleware import client_ip

    return client_ip(request) or "unknown"


def _client_key(address: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


def _now() -> int:
    return int(time.time())


def hit(bucket: str, request: HttpRequest) -> bool:
    """Count one request; False when the client is over the limit."""
    limit = limit_for(bucket)
    if limit is None:
        return True
    allowed, seconds = limit
    now = _now()
    window = now - now % seconds
    client = _client_key(client_address(request))
    with transaction.atomic():
        updated = RateLimitHit.objects.filter(bucket=bucket, client=client, window=window).update(
            count=F("count") + 1
        )
        if not updated:
            try:
                with transaction.atomic():
                    RateLimitHit.objects.create(bucket=bucket, client=client, window=window, count=1)
            except IntegrityError:
                RateLimitHit.objects.filter(bucket=bucket, client=client, window=window).update(
                    count=F("count") + 1
                )
            # Old windows are useless: clear them now and then.
            if now % 17 == 0:
                RateLimitHit.objects.filter(window__lt=now - 86400).delete()
        count = (
            RateLimitHit.objects.filter(bucket=bucket, client=client, window=window)
            .values_list("count", flat=True)
            .first()
        )
    return (count or 0) <= allowed


def too_many(request: HttpRequest, bucket: str) -> HttpResponse:
    limit = limit_for(bucket)
    seconds = limit[1] if limit else 60
    response = render(request, "cases/too_many.html", {"minutes": max(1, seconds // 60)}, status=429)
    response["Retry-After"] = str(seconds)
    return response


def rate_limited(bucket: str, *, methods: tuple[str, ...] = ("GET", "POST")) -> Callable[..., Any]:
    """Decorator: count requests of ``methods`` in ``bucket``; answer 429 past the limit."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method in methods and not hit(bucket, request):
                return too_many(request, bucket)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
