"""The request's client address, made available to services without passing it around."""

from __future__ import annotations

import contextvars

_ip: contextvars.ContextVar[str | None] = contextvars.ContextVar("kozomol_audit_ip", default=None)


def current_ip() -> str | None:
    return _ip.get()


def set_ip(value: str | None) -> contextvars.Token[str | None]:
    return _ip.set(value)


def reset_ip(token: contextvars.Token[str | None]) -> None:
    _ip.reset(token)
