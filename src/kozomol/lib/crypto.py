"""Field-level encryption with key ids, and blind indexes for lookups.

Pure helpers: nothing here imports Django. Callers hand in the keys directory
(``settings.KEYS_DIR``) and, when they want, an environment mapping.

Ciphertexts are text tokens ``v1.<key id>.<base64url(nonce ‖ AES-256-GCM ciphertext)>``.
The key id in every token lets a key ring hold several keys: the *primary*
key encrypts, every key decrypts, so keys rotate without downtime (new key
becomes primary, everything is re-encrypted, old keys stay until removed).
The associated data ("aad") names the column a value belongs to, so a
ciphertext copied into another column does not decrypt.

Keys live outside the database:

* ``KOZOMOL_FIELD_KEYS`` in the environment: ``id:base64key[,id:base64key…]``,
  the first one primary (rotation then means: put a new key first and run
  ``kozomol rotate_keys``); or
* ``<keys dir>/field-keys.json`` (mode 0600), created on first use.

The blind index is an HMAC-SHA256 of a normalised value under a *separate*
key (``KOZOMOL_BLIND_INDEX_KEY`` or ``<keys dir>/blind-index.key``), so equal
phone or passport numbers can be matched without decrypting anything and
without the encryption key.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import secrets
import tempfile
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

TOKEN_VERSION = "v1"  # noqa: S105 (a format tag, not a secret)
FILE_MAGIC = b"KZE1"
KEYS_FILE = "field-keys.json"
BLIND_INDEX_FILE = "blind-index.key"
ENV_FIELD_KEYS = "KOZOMOL_FIELD_KEYS"
ENV_BLIND_INDEX_KEY = "KOZOMOL_BLIND_INDEX_KEY"
_KEY_ID = re.compile(r"^[A-Za-z0-9_-]{1,32}$")


class CryptoError(Exception):
    """A value cannot be encrypted or decrypted (unknown key, tampered data, bad key file)."""


def _b64e(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def _b64d(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def new_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


@dataclass
class KeyRing:
    keys: dict[str, bytes]
    primary: str
    source: str = "file"  # "file" or "env"
    path: Path | None = None
    _ciphers: dict[str, AESGCM] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if self.primary not in self.keys:
            raise CryptoError(f"primary key {self.primary!r} is not in the key ring")
        for key_id, key in self.keys.items():
            if not _KEY_ID.match(key_id):
                raise CryptoError(f"bad key id {key_id!r}")
            if len(key) != 32:
                raise CryptoError(f"key {key_id!r} must be 32 bytes, is {len(key)}")
            self._ciphers[key_id] = AESGCM(key)

    # --- text values --------------------------------------------------------

    def encrypt(self, plaintext: str, aad: str) -> str:
        nonce = secrets.token_bytes(12)
        data = self._ciphers[self.primary].encrypt(nonce, plaintext.encode("utf-8"), aad.encode("utf-8"))
        return f"{TOKEN_VERSION}.{self.primary}.{_b64e(nonce + data)}"

    def decrypt(self, token: str, aad: str) -> str:
        try:
            version, key_id, body = token.split(".", 2)
        except ValueError:
            raise CryptoError("not an encrypted value") from None
        if version != TOKEN_VERSION:
            raise CryptoError(f"unknown token version {version!r}")
        cipher = self._ciphers.get(key_id)
        if cipher is None:
            raise CryptoError(f"key {key_id!r} is not in the key ring (was it removed too early?)")
        raw = _b64d(body)
        try:
            return cipher.decrypt(raw[:12], raw[12:], aad.encode("utf-8")).decode("utf-8")
        except InvalidTag:
            raise CryptoError("the value does not decrypt (wrong column or tampered)") from None

    @staticmethod
    def key_id_of(token: str) -> str:
        parts = token.split(".", 2)
        return parts[1] if len(parts) == 3 else ""

    def needs_rotation(self, token: str) -> bool:
        return bool(token) and self.key_id_of(token) != self.primary

    # --- files ----------------------------------------------------------------

    def encrypt_bytes(self, data: bytes, aad: str) -> bytes:
        nonce = secrets.token_bytes(12)
        key_id = self.primary.encode("ascii")
        body = self._ciphers[self.primary].encrypt(nonce, data, aad.encode("utf-8"))
        return FILE_MAGIC + bytes([len(key_id)]) + key_id + nonce + body

    def decrypt_bytes(self, blob: bytes, aad: str) -> bytes:
        key_id = self.file_key_id(blob)
        cipher = self._ciphers.get(key_id)
        if cipher is None:
            raise CryptoError(f"key {key_id!r} is not in the key ring")
        start = 5 + len(key_id)
        try:
            return cipher.decrypt(blob[start : start + 12], blob[start + 12 :], aad.encode("utf-8"))
        except InvalidTag:
            raise CryptoError("the file does not decrypt (tampered or wrong name)") from None

    @staticmethod
    def file_key_id(blob: bytes) -> str:
        if blob[:4] != FILE_MAGIC:
            raise CryptoError("not an encrypted file")
        length = blob[4]
        return blob[5 : 5 + length].decode("ascii")

    # --- persistence ----------------------------------------------------------

    def to_json(self) -> str:
        return json.dumps(
            {"primary": self.primary, "keys": {k: _b64e(v) for k, v in self.keys.items()}}, indent=1
        )


def _write_private(path: Path, text: str, *, replace: bool) -> bool:
    """Write ``text`` to ``path`` with mode 0600 atomically.

    With ``replace=False`` an existing file wins (another process created it
    first) and False is returned.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", text=True)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if replace:
            os.replace(tmp, path)
            return True
        try:
            os.link(tmp, path)  # fails if the file exists: first writer wins
            return True
        except FileExistsError:
            return False
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _parse_env_keys(raw: str) -> KeyRing:
    keys: dict[str, bytes] = {}
    primary = ""
    for item in raw.split(","):
        item = item.strip()
        if not item:
            continue
        key_id, sep, encoded = item.partition(":")
        if not sep:
            raise CryptoError(f"{ENV_FIELD_KEYS}: expected id:base64key, got an item without ':'")
        try:
            keys[key_id] = _b64d(encoded)
        except ValueError:
            raise CryptoError(f"{ENV_FIELD_KEYS}: key {key_id!r} is not base64") from None
        primary = primary or key_id
    if not keys:
        raise CryptoError(f"{ENV_FIELD_KEYS} is set but holds no key")
    return KeyRing(keys=keys, primary=primary, source="env")


def _read_file_ring(path: Path) -> KeyRing:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        keys = {k: _b64d(v) for k, v in data["keys"].items()}
        return KeyRing(keys=keys, primary=data["primary"], source="file", path=path)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise CryptoError(f"{path}: cannot read the key file ({exc})") from None


def load_key_ring(keys_dir: Path, env: Mapping[str, str] | None = None) -> KeyRing:
    """The key ring from the environment, else from the keys dir (created on first use)."""
    env = os.environ if env is None else env
    raw = env.get(ENV_FIELD_KEYS, "").strip()
    if raw:
        return _parse_env_keys(raw)
    path = Path(keys_dir) / KEYS_FILE
    if not path.exists():
        key_id = "k" + secrets.token_hex(4)
        ring = KeyRing(keys={key_id: new_key()}, primary=key_id, source="file", path=path)
        _write_private(path, ring.to_json(), replace=False)
    return _read_file_ring(path)


def add_primary_key(ring: KeyRing) -> KeyRing:
    """A new key becomes primary; the old ones stay to decrypt. Saved when file-based."""
    if ring.source != "file" or ring.path is None:
        raise CryptoError(
            f"keys come from {ENV_FIELD_KEYS}: put a new key first in that variable and run rotate_keys again"
        )
    key_id = "k" + secrets.token_hex(4)
    new_ring = KeyRing(keys={**ring.keys, key_id: new_key()}, primary=key_id, source="file", path=ring.path)
    _write_private(ring.path, new_ring.to_json(), replace=True)
    return new_ring


def drop_keys_except(ring: KeyRing, keep: set[str]) -> KeyRing:
    if ring.source != "file" or ring.path is None:
        raise CryptoError(f"keys come from {ENV_FIELD_KEYS}: remove old keys from that variable yourself")
    keep = keep | {ring.primary}
    new_ring = KeyRing(
        keys={k: v for k, v in ring.keys.items() if k in keep},
        primary=ring.primary,
        source="file",
        path=ring.path,
    )
    _write_private(ring.path, new_ring.to_json(), replace=True)
    return new_ring


def load_blind_index_key(keys_dir: Path, env: Mapping[str, str] | None = None) -> bytes:
    env = os.environ if env is None else env
    raw = env.get(ENV_BLIND_INDEX_KEY, "").strip()
    if raw:
        try:
            key = _b64d(raw)
        except ValueError:
            raise CryptoError(f"{ENV_BLIND_INDEX_KEY} is not base64") from None
    else:
        path = Path(keys_dir) / BLIND_INDEX_FILE
        if not path.exists():
            _write_private(path, _b64e(secrets.token_bytes(32)) + "\n", replace=False)
        key = _b64d(path.read_text(encoding="utf-8").strip())
    if len(key) < 32:
        raise CryptoError("the blind index key must be at least 32 bytes")
    return key


def normalise_phone(value: str) -> str:
    """Digits only, so '+7 (900) 123-45-67' and '79001234567' match."""
    return re.sub(r"\D", "", value or "")


def normalise_document_number(value: str) -> str:
    """Letters and digits, upper case: 'an 123 4567' and 'AN1234567' match."""
    return re.sub(r"[^0-9A-Z]", "", (value or "").upper())


def blind_index(key: bytes, purpose: str, normalised: str) -> str:
    """HMAC-SHA256 hex of a normalised value; empty for an empty value."""
    if not normalised:
        return ""
    return hmac.new(key, f"{purpose}\x00{normalised}".encode(), hashlib.sha256).hexdigest()


class KeyCache:
    """One key ring per process, reloaded on demand (after a rotation)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._ring: KeyRing | None = None
        self._bidx: bytes | None = None
        self._stamp: int | None = None

    def ring(self, keys_dir: Path) -> KeyRing:
        # A rotation run by another process rewrites the key file: a changed
        # mtime makes this process pick up the new primary key at once.
        stamp = _mtime(Path(keys_dir) / KEYS_FILE)
        if self._ring is None or stamp != self._stamp:
            with self._lock:
                self._ring = load_key_ring(keys_dir)
                self._stamp = _mtime(Path(keys_dir) / KEYS_FILE)
        return self._ring

    def blind_key(self, keys_dir: Path) -> bytes:
        if self._bidx is None:
            with self._lock:
                if self._bidx is None:
                    self._bidx = load_blind_index_key(keys_dir)
        return self._bidx

    def reset(self) -> None:
        with self._lock:
            self._ring = None
            self._bidx = None
            self._stamp = None


def _mtime(path: Path) -> int | None:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return None
