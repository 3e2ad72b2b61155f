from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from kozomol.lib.crypto import (
    CryptoError,
    KeyRing,
    add_primary_key,
    blind_index,
    drop_keys_except,
    load_blind_index_key,
    load_key_ring,
    new_key,
    normalise_document_number,
    normalise_phone,
)


def test_key_file_is_created_once_with_mode_0600(tmp_path: Path) -> None:
    ring = load_key_ring(tmp_path, env={})
    path = tmp_path / "field-keys.json"
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert load_key_ring(tmp_path, env={}).keys == ring.keys
    token = ring.encrypt("Асан Усенов", "cases.case.full_name")
    assert "Асан" not in token and token.startswith(f"v1.{ring.primary}.")
    assert ring.decrypt(token, "cases.case.full_name") == "Асан Усенов"


def test_a_value_does_not_decrypt_in_another_column_or_after_tampering(tmp_path: Path) -> None:
    ring = load_key_ring(tmp_path, env={})
    token = ring.encrypt("AN1234567", "cases.case.passport")
    with pytest.raises(CryptoError):
        ring.decrypt(token, "cases.case.full_name")
    tampered = token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1]
    with pytest.raises(CryptoError):
        ring.decrypt(tampered, "cases.case.passport")


def test_rotation_keeps_old_keys_for_reading_until_they_are_dropped(tmp_path: Path) -> None:
    ring = load_key_ring(tmp_path, env={})
    old = ring.encrypt("+996555000111", "phone")
    rotated = add_primary_key(ring)
    assert rotated.primary != ring.primary and rotated.needs_rotation(old)
    assert rotated.decrypt(old, "phone") == "+996555000111"
    fresh = rotated.encrypt("+996555000111", "phone")
    slim = drop_keys_except(rotated, set())
    assert len(json.loads((tmp_path / "field-keys.json").read_text())["keys"]) == 1
    assert slim.decrypt(fresh, "phone") == "+996555000111"
    with pytest.raises(CryptoError, match="not in the key ring"):
        slim.decrypt(old, "phone")


def test_keys_from_the_environment_first_one_primary(tmp_path: Path) -> None:
    a, b = new_key(), new_key()
    env = {
        "KOZOMOL_FIELD_KEYS": f"new:{base64.urlsafe_b64encode(b).decode()},old:{base64.urlsafe_b64encode(a).decode()}"
    }
    ring = load_key_ring(tmp_path, env=env)
    assert ring.primary == "new" and ring.source == "env"
    assert not (tmp_path / "field-keys.json").exists()
    old_token = KeyRing(keys={"old": a}, primary="old").encrypt("x", "c")
    assert ring.decrypt(old_token, "c") == "x"
    with pytest.raises(CryptoError):
        add_primary_key(ring)
    with pytest.raises(CryptoError):
        load_key_ring(tmp_path, env={"KOZOMOL_FIELD_KEYS": "broken"})


def test_files_are_sealed_with_their_key_id(tmp_path: Path) -> None:
    ring = load_key_ring(tmp_path, env={})
    blob = ring.encrypt_bytes(b"\xff\xd8 jpeg bytes", "attachment:abc")
    assert ring.file_key_id(blob) == ring.primary
    assert ring.decrypt_bytes(blob, "attachment:abc") == b"\xff\xd8 jpeg bytes"
    with pytest.raises(CryptoError):
        ring.decrypt_bytes(blob, "attachment:other")


def test_blind_index_matches_normalised_numbers_under_its_own_key(tmp_path: Path) -> None:
    key = load_blind_index_key(tmp_path, env={})
    assert (tmp_path / "blind-index.key").exists()
    phone = lambda v: blind_index(key, "phone", normalise_phone(v))  # noqa: E731
    assert phone("+996 (555) 12-34-56") == phone("996555123456") != phone("996555123457")
    assert normalise_document_number("an 123-4567") == "AN1234567"
    other_key = load_blind_index_key(tmp_path / "elsewhere", env={})
    assert blind_index(other_key, "phone", "996555123456") != phone("996555123456")
    assert blind_index(key, "passport", "996555123456") != phone("996555123456")
    assert blind_index(key, "phone", "") == ""
