"""ZIP archives from outside (imports, XLSForms, REFI-QDA projects, transcripts), checked before unpacking.

Every ZIP-based file Kozomol accepts — an ODK Central export, an ``.xlsx``
XLSForm, a ``.qdpx`` project, a ``.docx`` or ``.odt`` transcript — passes
through :func:`check_archive` before any library unpacks it: a few kilobytes
can declare gigabytes (a zip bomb), and an entry name can point outside the
archive. The limits differ by kind of file; the rules are these, once.

The central directory an archive declares can lie about sizes, so a caller
that reads an entry must still read no more than the declared size (see
``submissions.io.readers._BoundedReader`` and ``coding.refi._read_limited``).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

# Reasons an archive is refused; each caller turns them into its own message.
TOO_MANY_ENTRIES = "too_many_entries"
ENTRY_TOO_LARGE = "entry_too_large"
TOO_COMPRESSED = "too_compressed"
TOO_LARGE = "too_large"
UNSAFE_NAME = "unsafe_name"


@dataclass(frozen=True)
class ZipLimits:
    entries: int  # entries in the archive, directories included
    entry_bytes: int  # unpacked size of one entry
    total_bytes: int  # unpacked size of all entries
    ratio: float = 200  # unpacked / packed size of an entry beyond which it looks like a bomb …
    ratio_from_bytes: int = 1024 * 1024  # … once it unpacks to more than this (tiny files compress well)


class ZipRefused(ValueError):
    """The archive breaks a limit or holds an unsafe name; ``reason`` and ``params`` say which."""

    def __init__(self, reason: str, **params: Any) -> None:
        super().__init__(reason, params)
        self.reason = reason
        self.params = params


def unsafe_name(name: str) -> bool:
    """An entry name that would land outside the directory it is unpacked into."""
    path = PurePosixPath(name.replace("\\", "/"))
    return (
        name.startswith(("/", "\\"))
        or ".." in path.parts
        or re.match(r"^[A-Za-z]:", name) is not None
        or "\x00" in name
    )


def check_archive(
    archive: zipfile.ZipFile, limits: ZipLimits, *, names: bool = True
) -> list[zipfile.ZipInfo]:
    """The archive's entries, if it stays within ``limits``; else :class:`ZipRefused`.

    ``names``: also refuse entry names that climb out of the archive (absolute
    paths, ``..``, drive letters); off only for callers that never use the names
    as paths.
    """
    infos = archive.infolist()
    if len(infos) > limits.entries:
        raise ZipRefused(TOO_MANY_ENTRIES, count=len(infos), limit=limits.entries)
    total = 0
    for info in infos:
        if names and unsafe_name(info.filename):
            raise ZipRefused(UNSAFE_NAME, entry=info.filename[:200])
        if info.file_size > limits.entry_bytes:
            raise ZipRefused(
                ENTRY_TOO_LARGE, entry=info.filename, size=info.file_size, limit=limits.entry_bytes
            )
        if info.file_size > limits.ratio_from_bytes:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > limits.ratio:
                raise ZipRefused(TOO_COMPRESSED, entry=info.filename, ratio=int(ratio))
        total += info.file_size
    if total > limits.total_bytes:  # after the loop, so the message gives the whole size
        raise ZipRefused(TOO_LARGE, size=total, limit=limits.total_bytes)
    return infos
