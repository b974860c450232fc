"""The streaming multipart reader stops reading as soon as a limit is passed."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from catalog.api.multipart_upload import read_upload
from gts_kit.errors import InvalidInputError, PayloadTooLargeError

BOUNDARY = "b0undary"
CHUNK = 65_536


class StreamingRequest:
    """Just what `read_upload` reads of a Litestar request: headers and the body stream."""

    def __init__(self, parts: list[bytes], content_length: int | None = None) -> None:
        self.headers = {"content-type": f"multipart/form-data; boundary={BOUNDARY}"}
        if content_length is not None:
            self.headers["content-length"] = str(content_length)
        self._parts = parts
        self.pulled = 0

    async def stream(self) -> AsyncIterator[bytes]:
        for part in self._parts:
            self.pulled += len(part)
            yield part


def file_head(filename: str) -> bytes:
    return (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"'
        "\r\n\r\n"
    ).encode()


def field(name: str, value: str) -> bytes:
    return (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
    )


async def test_file_over_its_limit_is_refused_without_reading_the_rest() -> None:
    request = StreamingRequest([file_head("huge.nam")] + [b" " * CHUNK] * 400)
    with pytest.raises(PayloadTooLargeError, match="file: larger than the limit of 1,000,000"):
        await read_upload(request, 50_000_000, lambda _name: 1_000_000)  # type: ignore[arg-type]
    assert request.pulled < 1_000_000 + 2 * CHUNK


async def test_declared_length_over_the_limit_reads_nothing() -> None:
    request = StreamingRequest([file_head("a.nam"), b"{}"], content_length=99_000_000)
    with pytest.raises(PayloadTooLargeError, match="Content-Length"):
        await read_upload(request, 1_000_000, lambda _name: 1_000_000)  # type: ignore[arg-type]
    assert request.pulled == 0


async def test_file_and_fields_are_read() -> None:
    request = StreamingRequest(
        [
            field("kind", "pedal"),
            file_head("ts9.nam"),
            b"abc",
            b"def",
            f"\r\n--{BOUNDARY}--\r\n".encode(),
        ]
    )
    upload = await read_upload(request, 1_000_000, lambda _name: 1_000)  # type: ignore[arg-type]
    assert (upload.filename, bytes(upload.data), upload.fields) == (
        "ts9.nam",
        b"abcdef",
        {"kind": "pedal"},
    )


async def test_a_form_without_a_file_is_refused() -> None:
    request = StreamingRequest([field("kind", "amp"), f"--{BOUNDARY}--\r\n".encode()])
    with pytest.raises(InvalidInputError, match="no file part"):
        await read_upload(request, 1_000_000, lambda _name: 1_000)  # type: ignore[arg-type]
