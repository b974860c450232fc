"""What every streamed file (a DI's audio, a rendered output) answers to HTTP Range requests."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from .conftest import Api


async def assert_serves_ranges(
    api: Api,
    user: uuid.UUID,
    path: str,
    data: bytes,
    ranges: Iterable[tuple[str, int, int]],
    refused: Iterable[str],
) -> None:
    """`path` answers each Range header of `ranges` (the header, its first and last byte)
    with 206 and those bytes of `data`, and each header of `refused` with 416."""
    size = len(data)
    for header, start, end in ranges:
        part = await api.request(user, "GET", path, headers={"Range": header})
        assert part.status_code == 206, header
        assert part.content == data[start : end + 1], header
        assert part.headers["content-range"] == f"bytes {start}-{end}/{size}"
        assert part.headers["content-length"] == str(end - start + 1)
    for header in refused:
        answer = await api.request(user, "GET", path, headers={"Range": header})
        assert answer.status_code == 416, header
        assert answer.headers["content-range"] == f"bytes */{size}"
