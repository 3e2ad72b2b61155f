"""Passphrase-sealed files: scrypt key derivation and chunked AES-256-GCM.

Each chunk is authenticated on its own with its index and a "last chunk"
flag in the associated data, so a truncated, reordered or altered file is
refused instead of yielding half a backup.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Iterator
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

MAGIC = b"KZSEAL1\n"
CHUNK = 1024 * 1024
_HEADER = struct.Struct(">16s8s")  # salt, nonce prefix
_CHUNK_HEAD = struct.Struct(">IB")  # ciphertext length, last flag


class SealError(Exception):
    pass


def _key(passphrase: str, salt: bytes) -> bytes:
    if len(passphrase) < 8:
        raise SealError("the passphrase must have at least 8 characters")
    return Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(passphrase.encode("utf-8"))


def _nonce(prefix: bytes, index: int) -> bytes:
    return prefix + struct.pack(">I", index)


def seal(source: BinaryIO, target: BinaryIO, passphrase: str) -> None:
    salt, prefix = os.urandom(16), os.urandom(8)
    aead = AESGCM(_key(passphrase, salt))
    target.write(MAGIC + _HEADER.pack(salt, prefix))
    index = 0
    chunk = source.read(CHUNK)
    while True:
        following = source.read(CHUNK)
        last = not following
        sealed = aead.encrypt(_nonce(prefix, index), chunk, struct.pack(">IB", index, last))
        target.write(_CHUNK_HEAD.pack(len(sealed), last) + sealed)
        if last:
            return
        chunk, index = following, index + 1


def unseal(source: BinaryIO, passphrase: str) -> Iterator[bytes]:
    if source.read(len(MAGIC)) != MAGIC:
        raise SealError("not a Kozomol sealed file")
    header = source.read(_HEADER.size)
    if len(header) != _HEADER.size:
        raise SealError("the file is truncated")
    salt, prefix = _HEADER.unpack(header)
    aead = AESGCM(_key(passphrase, salt))
    index = 0
    while True:
        head = source.read(_CHUNK_HEAD.size)
        if len(head) != _CHUNK_HEAD.size:
            raise SealError("the file is truncated")
        length, last = _CHUNK_HEAD.unpack(head)
        body = source.read(length)
        if len(body) != length:
            raise SealError("the file is truncated")
        try:
            yield aead.decrypt(_nonce(prefix, index), body, struct.pack(">IB", index, last))
        except InvalidTag:
            raise SealError("wrong passphrase, or the file was changed") from None
        if last:
            if source.read(1):
                raise SealError("unexpected data after the end")
            return
        index += 1
