"""Blobs put straight into a real NATS object store bucket, as the service that owns it would."""

from __future__ import annotations

from collections.abc import AsyncIterator

from nats.js import JetStreamContext

from gts_kit.blobs.nats_store import NatsObjectBlobStore


async def _one(data: bytes) -> AsyncIterator[bytes]:
    yield data


async def put_blob(js: JetStreamContext, bucket: str, data: bytes) -> str:
    """Store `data` in `bucket`; its sha256 (hex)."""
    store = await NatsObjectBlobStore.open(js, bucket)
    info = await store.put(_one(data), max_bytes=len(data) + 1)
    return info.sha256
