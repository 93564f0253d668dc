"""A claim's evidence file as it arrives: read up to the limit, its type decided from its bytes
(PDF, PNG or JPEG; anything else named in words), its name made safe to keep and send back."""

from __future__ import annotations

import re
import unicodedata
from typing import BinaryIO
from urllib.parse import quote

import filetype

from api.errors import BadField
from api.schemas.grant_claims import EVIDENCE_MAX_BYTES, EVIDENCE_TYPES

# What a refused file is, in words a school understands.
_NAMES = {
    "application/zip": "a ZIP archive",
    "image/gif": "a GIF image",
    "image/webp": "a WebP image",
    "image/tiff": "a TIFF image",
    "image/bmp": "a BMP image",
    "application/x-msdownload": "a Windows program",
    "application/x-executable": "a program",
    "application/gzip": "a gzip archive",
}


def read_evidence(file: BinaryIO) -> bytes:
    """The upload's bytes, one more than the limit at most: enough to know it is too large."""
    return file.read(EVIDENCE_MAX_BYTES + 1)


def safe_filename(name: str) -> str:
    """The file's own name, without a path or control characters, at most 200 characters."""
    base = re.split(r"[\\/]", name)[-1]
    cleaned = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip(" .")
    return cleaned[:200] or "evidence"


def attachment(filename: str) -> str:
    """Content-Disposition for a download: an ASCII name, and the UTF-8 one (RFC 6266)."""
    ascii_name = filename.encode("ascii", "replace").decode().replace('"', "'").replace("?", "_")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"


def content_type_of(content: bytes) -> str | BadField:
    """The file's type decided from its bytes: PDF, PNG or JPEG, else why not in words."""
    if not content:
        return BadField("body", "/evidence", "The evidence file is empty.")
    kind = filetype.guess(content)
    mime = kind.mime if kind is not None else None
    if mime in EVIDENCE_TYPES:
        return str(mime)
    what = (
        _NAMES.get(str(mime), f"a {kind.extension.upper()} file ({mime})")
        if kind is not None
        else "not a kind of file we recognise"
    )
    return BadField(
        "body", "/evidence", f"The evidence file is {what}; send a PDF, PNG or JPEG instead."
    )
