"""The streaming multipart reader keeps one file within its limit and stops reading as soon
as a limit is passed."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from gts_kit.errors import InvalidInputError, PayloadTooLargeError
from gts_kit.http.multipart import read_into_memory, spooled_upload

BOUNDARY = "b0undary"
CHUNK = 65_536
END = f"\r\n--{BOUNDARY}--\r\n".encode()


class StreamingRequest:
    """Just what the reader reads of a Litestar request: headers and the body stream."""

    def __init__(
        self,
        parts: list[bytes],
        content_length: int | None = None,
        content_type: str = f"multipart/form-data; boundary={BOUNDARY}",
    ) -> None:
        self.headers = {"content-type": content_type}
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


def leftovers(folder: Path) -> list[Path]:
    return list(folder.iterdir())


async def in_memory(request: StreamingRequest, **limits: Any) -> Any:
    return await read_into_memory(request, **limits)  # type: ignore[arg-type]


async def test_file_over_its_limit_is_refused_without_reading_the_rest() -> None:
    request = StreamingRequest([file_head("huge.nam")] + [b" " * CHUNK] * 400)
    with pytest.raises(PayloadTooLargeError, match="file: larger than the limit of 1,000,000"):
        await in_memory(request, max_file_bytes=50_000_000, file_limit=lambda _name: 1_000_000)
    assert request.pulled < 1_000_000 + 2 * CHUNK


async def test_declared_length_over_the_limit_reads_nothing() -> None:
    request = StreamingRequest([file_head("a.nam"), b"{}"], content_length=99_000_000)
    with pytest.raises(PayloadTooLargeError, match="Content-Length") as refused:
        await in_memory(request, max_file_bytes=1_000_000)
    assert request.pulled == 0
    assert [(p.field, p.code) for p in refused.value.problems] == [("file", "too_large")]


async def test_file_and_fields_are_read() -> None:
    request = StreamingRequest([field("kind", "pedal"), file_head("ts9.nam"), b"abc", b"def", END])
    upload = await in_memory(request, max_file_bytes=1_000_000, file_limit=lambda _name: 1_000)
    assert (upload.filename, bytes(upload.data), upload.fields) == (
        "ts9.nam",
        b"abcdef",
        {"kind": "pedal"},
    )


async def test_a_form_without_a_file_is_refused() -> None:
    request = StreamingRequest([field("kind", "amp"), f"--{BOUNDARY}--\r\n".encode()])
    with pytest.raises(InvalidInputError, match="no file part") as refused:
        await in_memory(request, max_file_bytes=1_000)
    assert refused.value.code == "missing_file"


async def test_an_empty_file_is_refused() -> None:
    request = StreamingRequest([file_head("empty.wav"), END])
    with pytest.raises(InvalidInputError, match="empty") as refused:
        await in_memory(request, max_file_bytes=1_000)
    assert refused.value.code == "empty_file"


async def test_two_files_are_refused() -> None:
    request = StreamingRequest([file_head("a.wav"), b"abc\r\n", file_head("b.wav"), b"d", END])
    with pytest.raises(InvalidInputError, match="one file") as refused:
        await in_memory(request, max_file_bytes=1_000)
    assert refused.value.code == "many_files"


async def test_a_text_field_over_its_limit_is_refused_naming_it() -> None:
    request = StreamingRequest([field("notes", "x" * 5000), file_head("a.wav"), b"abc", END])
    with pytest.raises(PayloadTooLargeError, match="notes: larger than the limit of 4,096"):
        await in_memory(request, max_file_bytes=1_000, max_field_bytes=4096)


async def test_a_body_that_is_not_a_form_is_refused() -> None:
    request = StreamingRequest([b"{}"], content_type="application/json")
    with pytest.raises(InvalidInputError) as refused:
        await in_memory(request, max_file_bytes=1_000)
    assert refused.value.code == "not_multipart"


async def test_a_malformed_body_is_refused() -> None:
    request = StreamingRequest([b"not a multipart body at all\r\n" * 3])
    with pytest.raises(InvalidInputError) as refused:
        await in_memory(request, max_file_bytes=1_000)
    assert refused.value.code == "bad_multipart"


async def test_a_spooled_upload_is_on_disk_with_its_size_and_sha256(tmp_path: Path) -> None:
    data = b"riff" * 10_000
    request = StreamingRequest(
        [file_head("di.wav"), data[: CHUNK // 2], data[CHUNK // 2 :], END, field("name", "Main")]
    )
    async with spooled_upload(
        request,  # type: ignore[arg-type]
        max_file_bytes=100_000,
        directory=str(tmp_path),
    ) as upload:
        assert upload.path.read_bytes() == data
        assert (upload.filename, upload.size) == ("di.wav", len(data))
        assert upload.sha256 == hashlib.sha256(data).hexdigest()
    assert not upload.path.exists()
    assert leftovers(tmp_path) == []


async def test_a_spooled_upload_over_its_limit_leaves_nothing_behind(tmp_path: Path) -> None:
    request = StreamingRequest([file_head("di.wav")] + [b" " * CHUNK] * 10)
    with pytest.raises(PayloadTooLargeError, match="file: larger than the limit of 100,000"):
        async with spooled_upload(
            request,  # type: ignore[arg-type]
            max_file_bytes=100_000,
            directory=str(tmp_path),
        ):
            pass
    assert request.pulled < 100_000 + 2 * CHUNK
    assert leftovers(tmp_path) == []
