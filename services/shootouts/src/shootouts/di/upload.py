"""Spool the `file` part of a multipart upload to a temporary file as it streams in.

Litestar's own form parsing would buffer up to 100 MB in memory; this refuses the upload the
moment it passes the limit (or at once when Content-Length says it will).
"""

from __future__ import annotations

import contextlib
import hashlib
import tempfile
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from litestar import Request
from multipart import (  # type: ignore[import-untyped]
    MultipartError,
    MultipartSegment,
    PushMultipartParser,
    parse_options_header,
)

from gts_kit.errors import PayloadTooLargeError
from shootouts.problems import invalid

ENVELOPE_BYTES = 64 * 1024  # boundaries, part headers and the small form fields
MAX_FIELD_BYTES = 8192
FILE_FIELD = "file"


@dataclass
class SpooledUpload:
    """The uploaded file (on disk while the request lasts), its name, size (bytes), sha256
    (lower-case hex) and the text fields."""

    path: Path
    filename: str
    size: int
    sha256: str
    fields: dict[str, str] = field(default_factory=dict)


def _too_large(what: str, limit: int) -> PayloadTooLargeError:
    return PayloadTooLargeError(
        f"{what}: larger than the limit of {limit:,} bytes", code="too_large"
    )


@contextlib.asynccontextmanager
async def spooled_upload(
    request: Request[Any, Any, Any], max_file_bytes: int, directory: str | None = None
) -> AsyncIterator[SpooledUpload]:
    """Yield the `file` part on disk; 413 past `max_file_bytes`, 422 for a malformed body."""
    content_type, options = parse_options_header(request.headers.get("content-type", ""))
    if content_type != "multipart/form-data" or not options.get("boundary"):
        raise invalid("body", "expected multipart/form-data with a boundary", "not_multipart")
    max_body = max_file_bytes + ENVELOPE_BYTES
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > max_body:
        raise _too_large("file", max_file_bytes)
    with tempfile.NamedTemporaryFile(dir=directory, prefix="di-", delete=True) as spool:
        upload = await _read(request, spool, max_file_bytes, max_body, options["boundary"])
        upload.path = Path(spool.name)
        yield upload


async def _read(
    request: Request[Any, Any, Any], spool: IO[bytes], limit: int, max_body: int, boundary: str
) -> SpooledUpload:
    fields: dict[str, str] = {}
    part: MultipartSegment | None = None
    text = bytearray()
    filename: str | None = None
    size = received = 0
    digest = hashlib.sha256()
    try:
        with PushMultipartParser(boundary, max_segment_count=16) as parser:
            async for chunk in request.stream():
                received += len(chunk)
                if received > max_body:
                    raise _too_large("file", limit)
                for event in parser.parse(chunk):
                    if isinstance(event, MultipartSegment):
                        part, text = event, bytearray()
                        if part.name == FILE_FIELD:
                            if filename is not None:
                                raise invalid("file", "send one file per upload", "many_files")
                            filename = part.filename or ""
                    elif event is None:
                        if part is not None and part.name and part.name != FILE_FIELD:
                            fields[part.name] = text.decode("utf-8", "replace")
                        part = None
                    elif part is not None and part.name == FILE_FIELD:
                        size += len(event)
                        if size > limit:
                            raise _too_large("file", limit)
                        spool.write(event)
                        digest.update(event)
                    else:
                        if len(text) + len(event) > MAX_FIELD_BYTES:
                            name = part.name if part is not None else "part"
                            raise _too_large(name, MAX_FIELD_BYTES)
                        text += event
    except MultipartError as exc:
        raise invalid("body", f"malformed multipart body: {exc}", "bad_multipart") from exc
    if filename is None:
        raise invalid("file", "no file part named 'file' in the form", "missing_file")
    if size == 0:
        raise invalid("file", "the file is empty", "empty_file")
    spool.flush()
    return SpooledUpload(Path(), filename, size, digest.hexdigest(), fields)
