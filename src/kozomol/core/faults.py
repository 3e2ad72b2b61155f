"""A lost database answers 503 with a clear message, never a 500 with a traceback.

Django turns an exception raised inside any middleware or view into the 500
page before it reaches the outer middleware, so this works in two parts: a
receiver of ``got_request_exception`` marks the request when the exception is a
database connection error (``OperationalError`` / ``InterfaceError``: server
gone, connection terminated, database locked or unreachable), and
``DatabaseUnavailableMiddleware`` — placed outside every middleware that reads
the database — swaps that 500 for a 503 with ``Retry-After``:

- pages: a short HTML page that needs no database (no user, no menu);
- ``/api/``: JSON ``{"error": ..., "status": 503}``;
- ``/openrosa/``: an OpenRosa XML message; ODK Collect keeps the form and sends it again.

A full disk (``ENOSPC``) during an upload is answered the same way with 507.

Nothing half-written stays behind: every write is one transaction, which the
database rolls back when the connection is lost.
"""

from __future__ import annotations

import errno
import json
from collections.abc import Callable
from typing import Any

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kozomol.core.middleware import CONTENT_SECURITY_POLICY

DB_UNAVAILABLE = gettext_noop(
    "Kozomol cannot reach its database right now. Nothing you sent has been stored half-way: "
    "please try again in a minute. Forms filled in on a phone stay on the phone and are sent again."
)
DB_UNAVAILABLE_TITLE = gettext_noop("Temporarily unavailable")
DISK_FULL = gettext_noop(
    "Kozomol's disk is full, so the upload was not stored. Nothing was kept half-way: "
    "please try again later. Forms filled in on a phone stay on the phone and are sent again."
)
RETRY_AFTER_SECONDS = 30
_FLAG = "_kozomol_fault"


def is_database_lost(exc: BaseException | None) -> bool:
    return isinstance(exc, (OperationalError, InterfaceError))


def is_disk_full(exc: BaseException | None) -> bool:
    return isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT)


def _fault(exc: BaseException | None) -> str | None:
    if is_database_lost(exc):
        return DB_UNAVAILABLE
    if is_disk_full(exc):
        return DISK_FULL
    return None


def _mark(sender: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
    import sys

    fault = _fault(sys.exc_info()[1])
    if request is not None and fault:
        setattr(request, _FLAG, fault)


got_request_exception.connect(_mark, dispatch_uid="kozomol.core.faults.mark_database_lost")


def unavailable_response(request: HttpRequest, fault: str = DB_UNAVAILABLE) -> HttpResponse:
    """503 (database) or 507 (disk full) in the form the client understands."""
    message = _(fault)
    status = 507 if fault == DISK_FULL else 503
    path = request.path
    if path.startswith("/api/"):
        response = HttpResponse(
            json.dumps({"error": message, "status": status}, ensure_ascii=False),
            status=status,
            content_type="application/json; charset=utf-8",
        )
    elif path.startswith("/openrosa/"):
        body = (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<OpenRosaResponse xmlns="http://openrosa.org/http/response">'
            f'<message nature="error">{escape(message)}</message></OpenRosaResponse>'
        )
        response = HttpResponse(body, status=status, content_type="text/xml; charset=utf-8")
        response["X-OpenRosa-Version"] = "1.0"
    else:
        title = escape(_(DB_UNAVAILABLE_TITLE))
        body = (
            '<!doctype html><html><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{title} — Kozomol</title><link rel="stylesheet" href="/static/kozomol/kozomol.css">'
            f'</head><body><main><div class="panel errornote"><h1>{title}</h1>'
            f"<p>{escape(message)}</p></div></main></body></html>"
        )
        response = HttpResponse(body, status=status, content_type="text/html; charset=utf-8")
        response["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        fault = getattr(request, _FLAG, None)
        if fault and response.status_code >= 500:
            return unavailable_response(request, fault)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        fault = _fault(exception)
        return unavailable_response(request, fault) if fault else None
