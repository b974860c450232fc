"""A file streamed whole (200), as one byte range (206), or refused for a bad range (416)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from typing import Any

from litestar import Response
from litestar.response import Stream

from shootouts.outputs.ranges import RangeNotSatisfiableError, parse_range, sliced


def ranged(
    range_header: str | None,
    size: int,
    chunks: AsyncIterator[bytes],
    media_type: str,
    headers: Mapping[str, str],
) -> Response[Any]:
    """The file of `size` bytes in `chunks`: whole, or the one range `range_header` asks for
    (players seek with these); `headers` go on every answer but a 416."""
    try:
        wanted = parse_range(range_header, size)
    except RangeNotSatisfiableError as exc:
        return Response(
            {"title": "Range not satisfiable", "status": 416, "detail": str(exc)},
            status_code=416,
            media_type="application/problem+json",
            headers={"Content-Range": f"bytes */{size}"},
        )
    sent = {**headers, "Accept-Ranges": "bytes"}
    if wanted is None:
        sent["Content-Length"] = str(size)
        return Stream(chunks, media_type=media_type, headers=sent)
    sent.update({"Content-Range": wanted.content_range, "Content-Length": str(wanted.length)})
    return Stream(sliced(chunks, wanted), status_code=206, media_type=media_type, headers=sent)
