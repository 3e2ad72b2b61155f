"""Kozomol's key ring for personal data: :mod:`kozomol.lib.crypto` bound to settings.KEYS_DIR."""

from __future__ import annotations

from django.conf import settings

from kozomol.lib.crypto import (
    CryptoError,
    KeyCache,
    KeyRing,
    blind_index,
    normalise_document_number,
    normalise_phone,
)

_cache = KeyCache()


def key_ring() -> KeyRing:
    return _cache.ring(settings.KEYS_DIR)


def reload_keys() -> None:
    _cache.reset()


def seal(value: str, column: str) -> str:
    """Ciphertext of ``value`` for ``column`` ("app.model.field"); empty stays empty."""
    if not value:
        return ""
    return key_ring().encrypt(value, column)


def unseal(token: str, column: str) -> str:
    if not token:
        return ""
    try:
        return key_ring().decrypt(token, column)
    except CryptoError:
        # Another process may have rotated the keys since this one loaded them.
        reload_keys()
        return key_ring().decrypt(token, column)


def seal_bytes(data: bytes, name: str) -> bytes:
    return key_ring().encrypt_bytes(data, name)


def unseal_bytes(blob: bytes, name: str) -> bytes:
    try:
        return key_ring().decrypt_bytes(blob, name)
    except CryptoError:
        reload_keys()
        return key_ring().decrypt_bytes(blob, name)


def phone_index(value: str) -> str:
    return blind_index(_cache.blind_key(settings.KEYS_DIR), "phone", normalise_phone(value))


def passport_index(value: str) -> str:
    return blind_index(_cache.blind_key(settings.KEYS_DIR), "passport", normalise_document_number(value))
