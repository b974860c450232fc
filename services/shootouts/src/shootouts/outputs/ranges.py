"""HTTP Range (one byte range, RFC 9110) over a stream of chunks."""

from __future__ import annotations

import contextlib
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass

_RANGE = re.compile(r"^\s*bytes\s*=\s*([0-9]*)\s*-\s*([0-9]*)\s*$")
# More digits than any file's size has: read as "past every byte" without int() (which
# refuses strings of over 4,300 digits).
_MAX_DIGITS = 18
_BEYOND_ANY_FILE = 10**_MAX_DIGITS


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
        shown = header if len(header) <= 60 else header[:57] + "..."
        raise RangeNotSatisfiableError(f"Range: {shown!r} is not 'bytes=start-end'")
    first, last = match.groups()
    if not first and not last:
        raise RangeNotSatisfiableError("Range: neither start nor end given")
    if not first:
        suffix = _position(last)
        if suffix == 0 or size == 0:
            raise RangeNotSatisfiableError("Range: an empty suffix")
        return ByteRange(max(0, size - suffix), size - 1, size)
    start = _position(first)
    if start >= size:
        shown = f"start {start}" if start < _BEYOND_ANY_FILE else f"a {len(first):,}-digit start"
        raise RangeNotSatisfiableError(f"Range: {shown} is beyond the {size}-byte file")
    if not last:
        return ByteRange(start, size - 1, size)
    end = _position(last)
    if end < start:
        raise RangeNotSatisfiableError(f"Range: end {end} is before start {start}")
    return ByteRange(start, min(end, size - 1), size)


def _position(digits: str) -> int:
    """A byte position; _BEYOND_ANY_FILE for one too long to be any file's."""
    significant = digits.lstrip("0")
    return int(significant or "0") if len(significant) <= _MAX_DIGITS else _BEYOND_ANY_FILE


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
