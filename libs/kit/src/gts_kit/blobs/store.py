"""What the blob store returns and raises: a blob's facts and the errors of put and get."""

from __future__ import annotations

from dataclasses import dataclass

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
