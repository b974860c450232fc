"""Read one file and a few text fields from a multipart/form-data body as it streams in.

Litestar's own form parsing would buffer the whole body (up to 100 MB) before a handler sees
it; `read_form` instead hands the file part's bytes to a sink chunk by chunk and refuses the
upload the moment a limit is passed, or before a byte is read when Content-Length says it will
be. Two sinks cover the services: `read_into_memory` (one bytearray, for files small enough to
validate in memory) and `spooled_upload` (a temporary file and its sha256, for large audio).

Every refusal is problem+json naming the field and the reason: 413 `too_large` past a limit,
422 `not_multipart`, `bad_multipart`, `many_files`, `missing_file` or `empty_file`.
"""

from __future__ import annotations

import contextlib
import hashlib
import tempfile
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Protocol

from litestar import Request
from multipart import (  # type: ignore[import-untyped]
    MultipartError,
    MultipartSegment,
    PushMultipartParser,
    parse_options_header,
)

from gts_kit.errors import FieldProblem, PayloadTooLargeError, invalid

# Room for the boundaries, part headers and the small form fields around the file (bytes).
ENVELOPE_BYTES = 64 * 1024
MAX_FIELD_BYTES = 8192
MAX_PARTS = 16
FILE_FIELD = "file"


class FileSink(Protocol):
    """Where the file part's bytes go as they arrive."""

    def write(self, chunk: bytes, /) -> object:
        """Take the next chunk of the file."""
        ...


@dataclass
class FormFile:
    """What `read_form` read: the file's name and size (bytes), and the text fields."""

    filename: str
    size: int
    fields: dict[str, str] = field(default_factory=dict)


def too_large(what: str, limit: int, why: str = "") -> PayloadTooLargeError:
    """A 413 naming `what` is over `limit` bytes."""
    reason = f"larger than the limit of {limit:,} bytes{why}"
    return PayloadTooLargeError(
        f"{what}: {reason}", problems=[FieldProblem(what, reason, "too_large")], code="too_large"
    )


async def read_form(
    request: Request[Any, Any, Any],
    sink: FileSink,
    *,
    max_file_bytes: int,
    file_limit: Callable[[str], int] | None = None,
    max_field_bytes: int = MAX_FIELD_BYTES,
) -> FormFile:
    """Stream the `file` part into `sink` and return its name, size and the text fields.

    `max_file_bytes` bounds every file and, with ENVELOPE_BYTES, the whole body;
    `file_limit(filename)`, when given, validates the file name and returns that file's own
    (smaller or equal) limit in bytes. Each text field may hold `max_field_bytes`. Raises
    PayloadTooLargeError (413) as soon as a limit is passed, InvalidInputError (422) for a body
    that is not a multipart form with exactly one non-empty file.
    """
    content_type, options = parse_options_header(request.headers.get("content-type", ""))
    if content_type != "multipart/form-data" or not options.get("boundary"):
        raise invalid("body", "expected multipart/form-data with a boundary", "not_multipart")
    max_body = max_file_bytes + ENVELOPE_BYTES
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > max_body:
        raise too_large(FILE_FIELD, max_file_bytes, f" (Content-Length is {int(declared):,})")
    fields: dict[str, str] = {}
    part: MultipartSegment | None = None
    text = bytearray()
    filename: str | None = None
    limit = max_file_bytes
    size = received = 0
    try:
        with PushMultipartParser(options["boundary"], max_segment_count=MAX_PARTS) as parser:
            async for chunk in request.stream():
                received += len(chunk)
                if received > max_body:
                    raise too_large("body", max_body)
                for event in parser.parse(chunk):
                    if isinstance(event, MultipartSegment):
                        part, text = event, bytearray()
                        if part.name == FILE_FIELD:
                            if filename is not None:
                                raise invalid("file", "send one file per upload", "many_files")
                            filename = part.filename or ""
                            if file_limit is not None:
                                limit = min(file_limit(filename), max_file_bytes)
                    elif event is None:
                        if part is not None and part.name and part.name != FILE_FIELD:
                            fields[part.name] = text.decode("utf-8", "replace")
                        part = None
                    elif part is not None and part.name == FILE_FIELD:
                        size += len(event)
                        if size > limit:
                            raise too_large(FILE_FIELD, limit)
                        sink.write(event)
                    else:
                        if len(text) + len(event) > max_field_bytes:
                            raise too_large(
                                part.name if part is not None else "part", max_field_bytes
                            )
                        text += event
    except MultipartError as exc:
        raise invalid("body", f"malformed multipart body: {exc}", "bad_multipart") from exc
    if filename is None:
        raise invalid("file", "no file part named 'file' in the form", "missing_file")
    if size == 0:
        raise invalid("file", "the file is empty (0 bytes)", "empty_file")
    return FormFile(filename, size, fields)


@dataclass
class UploadInMemory:
    """The file part (name, bytes) and the other form fields as text."""

    filename: str
    data: bytearray
    fields: dict[str, str] = field(default_factory=dict)


class _MemorySink:
    def __init__(self) -> None:
        self.data = bytearray()

    def write(self, chunk: bytes, /) -> None:
        self.data += chunk


async def read_into_memory(
    request: Request[Any, Any, Any],
    *,
    max_file_bytes: int,
    file_limit: Callable[[str], int] | None = None,
    max_field_bytes: int = MAX_FIELD_BYTES,
) -> UploadInMemory:
    """The `file` part in one bytearray (never more than its limit) and the form fields;
    the limits and errors are `read_form`'s."""
    sink = _MemorySink()
    form = await read_form(
        request,
        sink,
        max_file_bytes=max_file_bytes,
        file_limit=file_limit,
        max_field_bytes=max_field_bytes,
    )
    return UploadInMemory(form.filename, sink.data, form.fields)


@dataclass
class SpooledUpload:
    """The uploaded file (on disk while the request lasts), its name, size (bytes), sha256
    (lower-case hex) and the text fields."""

    path: Path
    filename: str
    size: int
    sha256: str
    fields: dict[str, str] = field(default_factory=dict)


class _HashingSpool:
    def __init__(self, spool: IO[bytes]) -> None:
        self.spool = spool
        self.digest = hashlib.sha256()

    def write(self, chunk: bytes, /) -> None:
        self.spool.write(chunk)
        self.digest.update(chunk)


@contextlib.asynccontextmanager
async def spooled_upload(
    request: Request[Any, Any, Any],
    *,
    max_file_bytes: int,
    directory: str | None = None,
    max_field_bytes: int = MAX_FIELD_BYTES,
) -> AsyncIterator[SpooledUpload]:
    """Yield the `file` part spooled to a temporary file in `directory` (the system's temp
    folder when None), deleted on exit; the limits and errors are `read_form`'s."""
    with tempfile.NamedTemporaryFile(dir=directory, prefix="upload-", delete=True) as spool:
        sink = _HashingSpool(spool)
        form = await read_form(
            request, sink, max_file_bytes=max_file_bytes, max_field_bytes=max_field_bytes
        )
        spool.flush()
        yield SpooledUpload(
            Path(spool.name), form.filename, form.size, sink.digest.hexdigest(), form.fields
        )
