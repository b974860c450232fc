"""The blob store port: put by stream, get by stream, exists, delete; blobs are keyed by sha256."""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator
from dataclasses import dataclass
from typing import Protocol

from gts_kit.errors import DomainError, InvalidInputError, NotFoundError, PayloadTooLargeError


@dataclass(frozen=True, slots=True)
class BlobInfo:
    """A stored blob: lower-case hex sha256, size in bytes, and whether this put stored it."""

    sha256: str
    size: int
    created: bool = False


class BlobTooLargeError(PayloadTooLargeError):
    """The stream went over the size limit; nothing was kept."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"file: larger than the limit of {limit:,} bytes", code="too_large")
        self.limit = limit


class BlobStoreFullError(
    DomainError, status=507, title="Insufficient storage", type_slug="insufficient-storage"
):
    """The bucket is at its size limit (507); nothing was kept. Space comes back as blobs are
    deleted, or when an operator raises the bucket's limit."""

    def __init__(self, bucket: str) -> None:
        super().__init__(
            f"file: the {bucket} store is full; nothing was stored, try again later",
            code="storage_full",
        )
        self.bucket = bucket


class BlobDigestMismatchError(InvalidInputError):
    """The bytes put do not hash to the sha256 the caller expected; nothing was kept."""

    def __init__(self, expected: str, actual: str) -> None:
        super().__init__(f"file: sha256 is {actual}, expected {expected}", code="sha256_mismatch")
        self.expected = expected
        self.actual = actual


class BlobNotFoundError(NotFoundError):
    """No blob with this sha256."""

    def __init__(self, sha256: str) -> None:
        super().__init__(f"blob {sha256} not found", code="not_found")
        self.sha256 = sha256


class BlobCorruptError(RuntimeError):
    """The stored bytes read back do not hash to their key (raised after the last chunk)."""


class BlobStore(Protocol):
    """Content-addressed storage: the key of a blob is the sha256 of its bytes."""

    async def put(
        self,
        chunks: AsyncIterable[bytes],
        *,
        max_bytes: int,
        expected_sha256: str | None = None,
    ) -> BlobInfo:
        """Store a stream of bytes, hashing while writing; return the blob (existing if known).

        Raises BlobTooLargeError past `max_bytes` bytes and BlobDigestMismatchError when the
        hash is not `expected_sha256`; on any failure nothing is left behind.
        """
        ...

    def get(self, sha256: str) -> AsyncIterator[bytes]:
        """The blob's bytes in chunks; BlobNotFoundError if absent, BlobCorruptError at the end
        when the bytes do not hash to `sha256`."""
        ...

    async def stat(self, sha256: str) -> BlobInfo | None:
        """The blob's facts, or None when there is no such blob."""
        ...

    async def exists(self, sha256: str) -> bool:
        """Whether a blob with this sha256 is stored."""
        ...

    async def delete(self, sha256: str) -> bool:
        """Remove the blob; False when there was none."""
        ...
