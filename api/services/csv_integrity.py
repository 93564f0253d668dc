"""A CSV upload that arrived whole and in one encoding, or MalformedFile naming the line.

api.services.csv_import reads a file line by line and takes its encoding from the byte order
mark or from the first line holding a non-ASCII byte. Two kinds of damage pass that reading and
would be imported as if nothing were wrong, so a scheduled import would never notice:

- lines in two encodings, as when a line is pasted into a Windows-1252 extract from a UTF-8
  source: every byte decodes in Windows-1252, so the UTF-8 line is stored as mojibake
  (`St Bedeâ€™s`). A non-ASCII line that is valid UTF-8 is taken for UTF-8 (Windows-1252 text
  almost never is, as csv_import relies on), so each such line is checked against the
  encoding the file's first one chose;
- a file cut off, as by an interrupted download: it ends with no line break, or inside a
  quoted field, or its last row has fewer fields than the header.

`CheckedSource` wraps the stream that CsvFile reads and `complete_rows` its rows. A refusal
raises MalformedFile; the caller's transaction rolls back, so nothing is imported from the
file, however many batches were written before its end was reached.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from contextlib import contextmanager
from typing import BinaryIO

from api.errors import MalformedFile
from api.services.csv_import import Row

_UTF8_BOM = b"\xef\xbb\xbf"
_NAMES = {"utf-8": "UTF-8", "cp1252": "Windows-1252"}
_CUT_OFF = "it looks cut off (an interrupted download?); download it again and import that."


class CheckedSource:
    """The binary stream, checked line by line as CsvFile reads it (with `readline`, the one
    method it uses). `legacy_encoding` is the one the file may be in when not UTF-8."""

    def __init__(self, source: BinaryIO, *, legacy_encoding: str) -> None:
        self._source = source
        self._legacy = legacy_encoding
        self._lines = 0
        self._encoding: str | None = None
        self._chosen_by = ""  # what chose the encoding, for the message
        self._unterminated = False
        self._ended = False

    def readline(self, size: int = -1) -> bytes:
        if self._unterminated:
            # The reader asks for more after a line without a line break: it was the last.
            raise MalformedFile(
                f"The file ends in the middle of line {self._lines}, with no line break after "
                f"it: {_CUT_OFF}"
            )
        raw = self._source.readline(size)
        if not raw:
            self._ended = True
            return raw
        self._lines += 1
        # A line as long as the reader's limit is a longer line's first part, not the last one.
        at_limit = 0 <= size <= len(raw)
        self._unterminated = not raw.endswith(b"\n") and not at_limit
        self._check_encoding(raw)
        return raw

    @contextmanager
    def explaining_a_cut_off_end(self) -> Iterator[None]:
        """CsvFile calls a file that ends inside a quoted field not CSV: say what it is."""
        try:
            yield
        except MalformedFile as refused:
            # A CSV error once the stream has ended can only be about where it ended.
            if self._ended and isinstance(refused.__cause__, csv.Error):
                raise MalformedFile(
                    f"The file ends inside a quoted field, after line {self._lines}: {_CUT_OFF}"
                ) from refused
            raise

    def _check_encoding(self, raw: bytes) -> None:
        if self._lines == 1 and raw.startswith(_UTF8_BOM):
            self._encoding, self._chosen_by = "utf-8", "its byte order mark says UTF-8"
            raw = raw[len(_UTF8_BOM) :]
        if raw.isascii():
            return
        encoding = "utf-8" if _decodes(raw, "utf-8") else self._legacy
        if self._encoding is None:
            self._encoding = encoding
            self._chosen_by = f"line {self._lines} is {_NAMES.get(encoding, encoding)}"
        elif encoding != self._encoding and _decodes(raw, encoding):
            raise MalformedFile(
                f"Line {self._lines} is {_NAMES.get(encoding, encoding)} text, but "
                f"{self._chosen_by}: the file mixes two encodings, and some names would be "
                "stored garbled. Save it again in one encoding (as GIAS publishes it, or as "
                "CSV UTF-8), then import it."
            )


def complete_rows(rows: Iterator[Row], width: int) -> Iterator[Row]:
    """The rows, each handed on once the next is read, so that the last is known to be last: a
    last row with fewer fields than the header is refused whole (a row elsewhere is rejected
    alone, by its import)."""
    previous: Row | None = None
    for row in rows:
        if previous is not None:
            yield previous
        previous = row
    if previous is None:
        return
    if len(previous.fields) < width:
        raise MalformedFile(
            f"The last row (line {previous.line}) has {len(previous.fields)} fields where the "
            f"header has {width}: {_CUT_OFF}"
        )
    yield previous


def _decodes(raw: bytes, encoding: str) -> bool:
    try:
        raw.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True
