"""What every CSV import shares: read an upload as it streams in, check its header before any
row, hand the rows out in batches, and count what happened to each.

Reading. The file is read one line at a time from the binary stream and decoded line by line,
so memory stays flat whatever the size, and a byte that cannot be decoded is reported with its
line number. Lines are split on LF, which is safe in UTF-8 and in Windows-1252 alike; a quoted
field may still span lines, and a row's line number is the line it starts on (header = 1).

Encodings. UTF-8 and, where the import accepts it, a legacy encoding (GIAS publishes in
Windows-1252):
- a UTF-8 byte order mark means UTF-8 (Excel's "CSV UTF-8");
- without one, a file with a legacy encoding is read as UTF-8 if its first line holding a
  non-ASCII byte is valid UTF-8 (Windows-1252 text almost never is: its curly apostrophe is
  the lone byte 0x92), and in the legacy encoding otherwise; that line decides for the file;
- a line that the chosen encoding cannot decode (Windows-1252 leaves 0x81, 0x8D, 0x8F, 0x90
  and 0x9D undefined) makes the whole file malformed.

A file that is not text at all (a NUL byte, a ZIP or Excel workbook, UTF-16) or not CSV, or that
lacks a required column, raises MalformedFile: the caller's transaction rolls back and nothing
is written. A problem in one row rejects that row only.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import BinaryIO

from api.errors import MalformedFile

MAX_REJECTIONS_LISTED = 1_000
# Rows per round trip: one query loads a batch's existing rows, one statement writes each kind.
BATCH_SIZE = 1_000
# No CSV line we take is anywhere near this; a longer one is a binary file, not to be buffered.
MAX_LINE_BYTES = 1 << 20

Progress = Callable[[int], None]

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class Rejection:
    line: int  # line number in the file, header = line 1
    key: str | None  # the URN (or email) of the row, when readable
    reason: str  # plain English


@dataclass(frozen=True)
class ImportReport:
    created: int
    updated: int
    unchanged: int
    rejected: int
    rejections: tuple[Rejection, ...]  # the first MAX_REJECTIONS_LISTED; `rejected` counts all

    def counts(self) -> dict[str, int]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
        }


class RowRejected(Exception):
    """One row cannot be imported; the reason is shown to whoever sent the file."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Tally:
    """Counts as the import goes, keeping the first rejections in line order."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    _listed: list[Rejection] = field(default_factory=list)
    _pending: list[Rejection] = field(default_factory=list)

    def reject(self, line: int, key: str | None, reason: str) -> None:
        self.rejected += 1
        if len(self._listed) + len(self._pending) < MAX_REJECTIONS_LISTED:
            self._pending.append(Rejection(line, key or None, reason))

    def end_batch(self) -> None:
        # A batch rejects rows in two passes (reading, then checking against the database);
        # list them in the order of the file.
        self._listed.extend(sorted(self._pending, key=lambda r: r.line))
        self._pending.clear()

    def report(self) -> ImportReport:
        self.end_batch()
        return ImportReport(
            created=self.created,
            updated=self.updated,
            unchanged=self.unchanged,
            rejected=self.rejected,
            rejections=tuple(self._listed),
        )


@dataclass(frozen=True)
class Row:
    line: int  # where the row starts
    fields: list[str]


class CsvFile:
    """A CSV file read from a binary stream; `header` first, then `rows()` once."""

    def __init__(
        self,
        source: BinaryIO,
        *,
        legacy_encoding: str | None,
        on_progress: Progress | None = None,
    ) -> None:
        self._source = source
        self._legacy = legacy_encoding
        self._encoding: str | None = None  # decided by the BOM or the first non-ASCII line
        self._on_progress = on_progress
        self._digest = hashlib.sha256()
        self.bytes_read = 0
        self._lines_read = 0
        self._reader = csv.reader(self._decoded_lines(), strict=True)
        self.header = self._read_header()

    @property
    def sha256(self) -> str:
        """The digest of what has been read: after `rows()`, of the whole file."""
        return self._digest.hexdigest()

    def columns(
        self,
        required: Sequence[str],
        optional: Sequence[str] = (),
        *,
        what: str,
        ignore_case: bool = False,
    ) -> dict[str, int]:
        """Where each column is; MalformedFile naming the required ones that are missing."""
        positions: dict[str, int] = {}
        for index, name in enumerate(self.header):
            positions.setdefault(name.lower() if ignore_case else name, index)
        missing = [name for name in required if name not in positions]
        if missing and len(missing) == len(required):
            raise MalformedFile(f"The first line is not the header of {what}.")
        if missing:
            raise MalformedFile(
                f"The file lacks the column{'s' if len(missing) > 1 else ''} "
                f"{', '.join(missing)}: it is not {what}."
            )
        return {name: positions[name] for name in (*required, *optional) if name in positions}

    def rows(self) -> Iterator[Row]:
        """Each row with its line number; wholly blank rows (Excel leaves some) are skipped."""
        while True:
            start = self._reader.line_num + 1
            fields = self._next_record()
            if fields is None:
                return
            if any(value.strip() for value in fields):
                yield Row(start, fields)

    def report_progress(self) -> None:
        if self._on_progress is not None:
            self._on_progress(self.bytes_read)

    def _read_header(self) -> list[str]:
        header = self._next_record()
        if header is None:
            raise MalformedFile("The file is empty.")
        if not any(name.strip() for name in header):
            raise MalformedFile("The first line is blank: the file must start with its header.")
        return [name.strip() for name in header]

    def _next_record(self) -> list[str] | None:
        try:
            return next(self._reader)
        except StopIteration:
            return None
        except csv.Error as exc:
            raise MalformedFile(
                f"Line {self._reader.line_num} is not CSV ({exc}): is this a CSV file?"
            ) from exc

    def _decoded_lines(self) -> Iterator[str]:
        while True:
            raw = self._source.readline(MAX_LINE_BYTES)
            if not raw:
                return
            self._lines_read += 1
            self.bytes_read += len(raw)
            self._digest.update(raw)
            yield self._decode(raw, self._lines_read)

    def _decode(self, raw: bytes, line: int) -> str:
        if len(raw) >= MAX_LINE_BYTES and not raw.endswith(b"\n"):
            raise MalformedFile(f"Line {line} is over a megabyte long: this is not a CSV file.")
        if line == 1:
            raw = self._first_line(raw)
        if b"\x00" in raw:
            raise MalformedFile(f"Line {line} holds a NUL byte: this is not a CSV text file.")
        if self._encoding is None:
            if raw.isascii():
                return raw.decode("ascii")
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                self._encoding = self._legacy or "utf-8"
            else:
                self._encoding = "utf-8"
                return text
        try:
            return raw.decode(self._encoding)
        except UnicodeDecodeError as exc:
            name = "Windows-1252" if self._encoding == "cp1252" else self._encoding.upper()
            raise MalformedFile(
                f"Line {line} cannot be read as {name} text "
                f"(byte 0x{raw[exc.start]:02X} at character {exc.start + 1})."
            ) from exc

    def _first_line(self, raw: bytes) -> bytes:
        if raw.startswith(_UTF8_BOM):
            self._encoding = "utf-8"
            return raw[len(_UTF8_BOM) :]
        if raw.startswith(_ZIP_MAGIC):
            raise MalformedFile(
                "This is a ZIP archive or an Excel workbook, not a CSV file; "
                "export it as CSV first."
            )
        if raw.startswith(_UTF16_BOMS):
            raise MalformedFile("This file is UTF-16 text; save it as CSV (UTF-8) instead.")
        return raw


def batches(rows: Iterator[Row], size: int = BATCH_SIZE) -> Iterator[list[Row]]:
    batch: list[Row] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def check_width(row: Row, width: int) -> None:
    """A row must have a field for each column of the header, to be read by its columns."""
    if len(row.fields) != width:
        raise RowRejected(f"The row has {len(row.fields)} fields where the header has {width}.")
