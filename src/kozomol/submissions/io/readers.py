"""Reading tables out of uploaded files, streaming: CSV (any of the usual encodings
and separators), XLSX (openpyxl read-only) and ZIP archives of CSV files.

A :class:`Source` can be opened several times (the preview reads the file, the
import reads it again); every opening yields :class:`Table` objects whose rows
are produced lazily, so memory does not grow with the file.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import zipfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from kozomol.lib import zipcheck
from kozomol.lib.zipcheck import ZipLimits
from kozomol.submissions.io import messages as m

# Limits against zip bombs: XLSX is a ZIP too. A 1,000,000-row, 50-column sheet
# unpacks to about 2 GB of XML, compressed about 10 times; bombs compress
# a thousand times and more.
# Exports of data: a CSV of a million submissions is gigabytes.
DATA_ZIP_LIMITS = ZipLimits(entries=2_000, entry_bytes=4 * 1024**3, total_bytes=8 * 1024**3)

SNIFF_BYTES = 64 * 1024
DELIMITERS = (",", ";", "\t")
csv.field_size_limit(16 * 1024 * 1024)


class SourceError(Exception):
    """The file as a whole cannot be read; carries a message id and its parameters."""

    def __init__(self, message: str, **params: Any) -> None:
        super().__init__(message % params if params else message)
        self.message = message
        self.params = params


@dataclass
class Table:
    name: str
    header: list[str]
    rows: Iterator[tuple[int, list[Any]]]  # (row number in the file, cells); the header is row 1
    kind: str = "csv"  # "csv" or "xlsx"
    size_hint: int | None = None  # rows, when the file says (XLSX dimension)
    encoding: str = ""
    delimiter: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


# --- format detection ------------------------------------------------------


def _kind_of(head: bytes, name: str) -> str:
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"
    return "csv"


def detect_encoding(sample: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1251."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith(codecs.BOM_UTF16_LE) or sample.startswith(codecs.BOM_UTF16_BE):
        return "utf-16"
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(sample, final=False)  # a character cut at the sample's end is fine
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        sample.decode("cp1251")
    except UnicodeDecodeError as exc:
        raise SourceError(m.FILE_NOT_TEXT, name="") from exc
    return "cp1251"


def detect_delimiter(text_sample: str) -> str:
    """The separator of the header line: the one of , ; TAB found most often outside quotes."""
    first_line = []
    in_quotes = False
    for ch in text_sample:
        if ch == '"':
            in_quotes = not in_quotes
        elif ch in "\r\n" and not in_quotes:
            break
        elif not in_quotes:
            first_line.append(ch)
    line = "".join(first_line)
    counts = {d: line.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


# --- CSV -------------------------------------------------------------------


@contextmanager
def open_csv(raw: IO[bytes], name: str) -> Iterator[Table]:
    sample = raw.read(SNIFF_BYTES)
    if not sample.strip():
        raise SourceError(m.FILE_EMPTY)
    try:
        encoding = detect_encoding(sample)
    except SourceError as exc:
        raise SourceError(m.FILE_NOT_TEXT, name=name) from exc
    text_sample = sample.decode(encoding, errors="ignore")
    delimiter = detect_delimiter(text_sample.lstrip("\ufeff"))
    stream = io.BufferedReader(_Prefixed(sample, raw), buffer_size=SNIFF_BYTES)
    text = io.TextIOWrapper(stream, encoding=encoding, newline="")
    reader = csv.reader(text, delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration as exc:
        raise SourceError(m.FILE_EMPTY) from exc
    except (csv.Error, UnicodeDecodeError) as exc:
        raise SourceError(m.FILE_BAD_CSV, reason=str(exc)) from exc
    header = [h.strip().lstrip("\ufeff") for h in header]

    def rows() -> Iterator[tuple[int, list[Any]]]:
        number = 1
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError as exc:
                raise SourceError(m.FILE_BAD_ENCODING, encoding=encoding, row=number + 1) from exc
            except csv.Error as exc:
                raise SourceError(m.FILE_BAD_CSV, reason=f"{exc} (row {number + 1})") from exc
            number += 1  # records, as a spreadsheet numbers them (a quoted line break stays in its row)
            if not any(cells):  # a blank line, or only separators (CSV cells are str)
                continue
            yield number, cells

    try:
        yield Table(name=name, header=header, rows=rows(), kind="csv", encoding=encoding, delimiter=delimiter)
    finally:
        text.detach()


# --- ZIP safety ------------------------------------------------------------


def check_zip(archive: zipfile.ZipFile) -> None:
    """Refuse archives that unpack to far more than they weigh, or to too much (see ``lib.zipcheck``)."""
    try:
        # Entry names are only shown and used as table names here, never as paths.
        zipcheck.check_archive(archive, DATA_ZIP_LIMITS, names=False)
    except zipcheck.ZipRefused as exc:
        raise SourceError(m.ZIP_REFUSED[exc.reason], **exc.params) from None


class _BoundedReader(io.RawIOBase):
    """Reads a ZIP member but stops with an error past the size its header declared.

    The header of a crafted archive can lie; this makes the declared size binding.
    """

    def __init__(self, inner: IO[bytes], limit: int, entry: str) -> None:
        self.inner = inner
        self.limit = limit
        self.entry = entry
        self.seen = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.inner.read(len(buffer))
        self.seen += len(data)
        if self.seen > self.limit:
            raise SourceError(m.ZIP_ENTRY_TOO_LARGE, entry=self.entry, size=self.seen, limit=self.limit)
        buffer[: len(data)] = data
        return len(data)


# --- XLSX ------------------------------------------------------------------


def _xlsx_tables(path: Path, stack: ExitStack) -> list[Table]:
    import openpyxl

    try:
        with zipfile.ZipFile(path) as archive:
            check_zip(archive)
            if "xl/workbook.xml" not in archive.namelist():
                raise SourceError(m.FILE_BAD_XLSX, reason="xl/workbook.xml is missing")
    except zipfile.BadZipFile as exc:
        raise SourceError(m.FILE_BAD_XLSX, reason=str(exc)) from exc
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged workbook
        raise SourceError(m.FILE_BAD_XLSX, reason=str(exc)) from exc
    stack.callback(workbook.close)
    tables = []
    for sheet in workbook.worksheets:
        iterator = sheet.iter_rows(values_only=True)
        try:
            first = next(iterator)
        except StopIteration:
            continue
        except Exception as exc:
            raise SourceError(m.FILE_BAD_XLSX, reason=str(exc)) from exc
        header = ["" if v is None else str(v).strip() for v in first]
        while header and header[-1] == "":
            header.pop()
        if not header:
            continue

        def rows(it: Iterator[tuple[Any, ...]] = iterator) -> Iterator[tuple[int, list[Any]]]:
            number = 1
            try:
                for values in it:
                    number += 1
                    if all(v is None or v == "" for v in values):
                        continue
                    yield number, list(values)
            except SourceError:
                raise
            except Exception as exc:
                raise SourceError(m.FILE_BAD_XLSX, reason=f"{exc} (row {number + 1})") from exc

        hint = sheet.max_row - 1 if sheet.max_row else None
        tables.append(Table(name=sheet.title, header=header, rows=rows(), kind="xlsx", size_hint=hint))
    return tables


# --- sources ---------------------------------------------------------------


@dataclass
class Source:
    """One or more files of one export (a main table and its repeat tables)."""

    paths: list[Path]
    names: list[str] = field(default_factory=list)  # names shown to people (the upload's own names)

    def __post_init__(self) -> None:
        self.paths = [Path(p) for p in self.paths]
        if not self.names:
            self.names = [p.name for p in self.paths]

    @property
    def size_bytes(self) -> int:
        return sum(os.path.getsize(p) for p in self.paths)

    @contextmanager
    def open(self) -> Iterator[list[Table]]:
        """Open every table of the source; rows are read as they are iterated."""
        with ExitStack() as stack:
            tables: list[Table] = []
            for path, name in zip(self.paths, self.names, strict=True):
                with path.open("rb") as probe:
                    head = probe.read(8)
                if not head:
                    raise SourceError(m.FILE_EMPTY)
                kind = _kind_of(head, name)
                if kind == "xls":
                    raise SourceError(m.FILE_UNKNOWN_FORMAT, name=name)
                if kind == "zip":
                    tables.extend(self._open_zip(path, name, stack))
                else:
                    raw = stack.enter_context(path.open("rb"))
                    tables.append(stack.enter_context(open_csv(raw, name)))
            yield tables

    def _open_zip(self, path: Path, name: str, stack: ExitStack) -> list[Table]:
        try:
            archive = stack.enter_context(zipfile.ZipFile(path))
        except zipfile.BadZipFile as exc:
            raise SourceError(m.FILE_UNKNOWN_FORMAT, name=name) from exc
        names = archive.namelist()
        if "xl/workbook.xml" in names or "[Content_Types].xml" in names:
            archive.close()
            return _xlsx_tables(path, stack)
        check_zip(archive)
        tables = []
        for info in archive.infolist():
            if info.is_dir() or not info.filename.lower().endswith(".csv"):
                continue
            member = stack.enter_context(archive.open(info))
            bounded = io.BufferedReader(_BoundedReader(member, info.file_size, info.filename))
            tables.append(stack.enter_context(open_csv(bounded, info.filename.rsplit("/", 1)[-1])))
        if not tables:
            raise SourceError(m.FILE_UNKNOWN_FORMAT, name=name)
        return tables


class _Prefixed(io.RawIOBase):
    """A stream whose first bytes (already read to sniff the format) are replayed."""

    def __init__(self, prefix: bytes, inner: IO[bytes]) -> None:
        self.prefix = prefix
        self.inner = inner

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        if self.prefix:
            n = min(len(b), len(self.prefix))
            b[:n] = self.prefix[:n]
            self.prefix = self.prefix[n:]
            return n
        data = self.inner.read(len(b))
        b[: len(data)] = data
        return len(data)
