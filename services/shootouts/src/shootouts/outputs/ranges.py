"""HTTP Range (one byte range, RFC 9110) over a stream of chunks."""

from __future__ import annotations

import contextlib
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass

_RANGE = re.compile(r"^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$")


class RangeNotSatisfiableError(ValueError):
    """The Range header names no bytes of the file (answered 416)."""


@dataclass(frozen=True, slots=True)
class ByteRange:
    """Bytes `start` to `end` inclusive of a file of `size` bytes."""

    start: int
    end: int
    size: int

    @property
    def length(self) -> int:
        """How many bytes the range holds."""
        return self.end - self.start + 1

    @property
    def content_range(self) -> str:
        """The Content-Range header value."""
        return f"bytes {self.start}-{self.end}/{self.size}"


def parse_range(header: str | None, size: int) -> ByteRange | None:
    """The single range `header` asks for, None for the whole file (no header, or several
    ranges, which a server may ignore); RangeNotSatisfiableError for a bad or empty one."""
    if header is None or not header.strip():
        return None
    if "," in header:
        return None
    match = _RANGE.match(header)
    if match is None:
        raise RangeNotSatisfiableError(f"Range: {header!r} is not 'bytes=start-end'")
    first, last = match.groups()
    if not first and not last:
        raise RangeNotSatisfiableError("Range: neither start nor end given")
    if not first:
        suffix = int(last)
        if suffix == 0 or size == 0:
            raise RangeNotSatisfiableError("Range: an empty suffix")
        return ByteRange(max(0, size - suffix), size - 1, size)
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size or (last and int(last) < start):
        raise RangeNotSatisfiableError(f"Range: bytes {start}- are beyond the {size}-byte file")
    return ByteRange(start, end, size)


async def sliced(chunks: AsyncIterator[bytes], wanted: ByteRange) -> AsyncIterator[bytes]:
    """The bytes of `wanted` from a stream of the whole file, stopping once they are sent."""
    position = 0
    try:
        async for chunk in chunks:
            chunk_end = position + len(chunk)
            if chunk_end > wanted.start:
                yield chunk[max(0, wanted.start - position) : wanted.end + 1 - position]
            position = chunk_end
            if position > wanted.end:
                break
    finally:
        aclose = getattr(chunks, "aclose", None)
        if aclose is not None:
            with contextlib.suppress(Exception):
                await aclose()
