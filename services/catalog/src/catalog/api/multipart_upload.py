"""Read one gear file from a multipart/form-data body as it streams in.

The body is never parsed by Litestar (which would buffer it); the file part goes into one
bytearray, refused the moment it passes its format's limit, and the declared Content-Length
is checked before a byte is read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from litestar import Request
from multipart import (  # type: ignore[import-untyped]
    MultipartError,
    MultipartSegment,
    PushMultipartParser,
    parse_options_header,
)

from catalog.gear.facts import invalid
from gts_kit.errors import PayloadTooLargeError

# Room for the boundaries, part headers and the small form fields around the file.
ENVELOPE_BYTES = 64 * 1024
MAX_FIELD_BYTES = 4096
FILE_FIELD = "file"


@dataclass
class UploadedFile:
    """The file part (name, bytes) and the other form fields as text."""

    filename: str
    data: bytearray
    fields: dict[str, str] = field(default_factory=dict)


def _too_large(what: str, limit: int) -> PayloadTooLargeError:
    return PayloadTooLargeError(
        f"{what}: larger than the limit of {limit:,} bytes", code="too_large"
    )


async def read_upload(
    request: Request[Any, Any, Any],
    max_body_bytes: int,
    file_limit: Callable[[str], int],
) -> UploadedFile:
    """The `file` part and form fields of a multipart body.

    `file_limit(filename)` validates the file name and returns that file's limit in bytes;
    raises PayloadTooLargeError (413) as soon as a limit is passed, InvalidInputError (422)
    for a malformed body.
    """
    content_type, options = parse_options_header(request.headers.get("content-type", ""))
    if content_type != "multipart/form-data" or not options.get("boundary"):
        raise invalid("body", "expected multipart/form-data with a boundary", "not_multipart")
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > max_body_bytes:
        raise _too_large("Content-Length", max_body_bytes)
    fields: dict[str, str] = {}
    upload: UploadedFile | None = None
    part: MultipartSegment | None = None
    buffer = bytearray()
    limit = MAX_FIELD_BYTES
    received = 0
    try:
        with PushMultipartParser(options["boundary"], max_segment_count=16) as parser:
            async for chunk in request.stream():
                received += len(chunk)
                if received > max_body_bytes:
                    raise _too_large("body", max_body_bytes)
                for event in parser.parse(chunk):
                    if isinstance(event, MultipartSegment):
                        part, buffer = event, bytearray()
                        if part.name == FILE_FIELD:
                            if upload is not None:
                                raise invalid("file", "send one file per upload", "many_files")
                            limit = file_limit(part.filename or "")
                        else:
                            limit = MAX_FIELD_BYTES
                    elif event is None:
                        if part is not None and part.name == FILE_FIELD:
                            upload = UploadedFile(part.filename or "", buffer)
                        elif part is not None and part.name:
                            fields[part.name] = buffer.decode("utf-8", "replace")
                        part = None
                    else:
                        if len(buffer) + len(event) > limit:
                            name = (
                                "file"
                                if part is not None and part.name == FILE_FIELD
                                else (part.name if part is not None else "part")
                            )
                            raise _too_large(name, limit)
                        buffer += event
    except MultipartError as exc:
        raise invalid("body", f"malformed multipart body: {exc}", "bad_multipart") from exc
    if upload is None:
        raise invalid("file", "no file part named 'file' in the form", "missing_file")
    upload.fields = fields
    return upload
