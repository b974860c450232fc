"""A signed-in request's body, held by the gateway until it is whole, so its digest can be
signed before it goes upstream (see `gts_kit.http.identity`).

Up to IN_MEMORY_BYTES stay in memory; a larger body goes to a temporary file (the gateway's
`/tmp`), so memory stays bounded whatever the upload; past the body limit the request is
refused. The upstream then receives the body at local speed, which also keeps a slow
client's upload from holding a service's connection, or outliving the signature's window.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import AsyncIterator
from typing import IO

from litestar.types import Receive

IN_MEMORY_BYTES = 1024 * 1024
READ_BYTES = 256 * 1024


class BodyTooLargeError(Exception):
    """The body passed the limit while it was read."""


class ClientGoneError(Exception):
    """The client disconnected before its body was whole."""


class SpooledBody:
    """The whole body of a request: its size, sha256 (hex) and bytes, to send once."""

    def __init__(self, file: IO[bytes], size: int, sha256: str) -> None:
        self.file, self.size, self.sha256 = file, size, sha256

    @classmethod
    async def read(cls, receive: Receive, limit: int) -> SpooledBody:
        """Read the client's body to its end; BodyTooLargeError past `limit` bytes."""
        file: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=IN_MEMORY_BYTES)  # noqa: SIM115
        digest, size = hashlib.sha256(), 0
        try:
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    raise ClientGoneError
                chunk = message.get("body", b"")
                assert isinstance(chunk, bytes)
                size += len(chunk)
                if size > limit:
                    raise BodyTooLargeError(f"body: over {limit} bytes")
                digest.update(chunk)
                file.write(chunk)
                if not message.get("more_body", False):
                    break
        except BaseException:
            file.close()
            raise
        file.seek(0)
        return cls(file, size, digest.hexdigest())

    def payload(self) -> bytes | AsyncIterator[bytes]:
        """What to send upstream: the bytes of a small body, chunks of a large one."""
        if self.size <= IN_MEMORY_BYTES:
            return self.file.read()
        return self._chunks()

    async def _chunks(self) -> AsyncIterator[bytes]:
        while chunk := self.file.read(READ_BYTES):
            yield chunk

    def close(self) -> None:
        """Drop the bytes (and the temporary file)."""
        self.file.close()
