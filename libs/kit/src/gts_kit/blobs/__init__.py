"""Content-addressed blob storage (keyed by sha256) shared by the services."""

from gts_kit.blobs.nats_store import NatsObjectBlobStore
from gts_kit.blobs.store import (
    BlobCorruptError,
    BlobDigestMismatchError,
    BlobInfo,
    BlobNotFoundError,
    BlobStoreFullError,
    BlobTooLargeError,
)

__all__ = [
    "BlobCorruptError",
    "BlobDigestMismatchError",
    "BlobInfo",
    "BlobNotFoundError",
    "BlobStoreFullError",
    "BlobTooLargeError",
    "NatsObjectBlobStore",
]
