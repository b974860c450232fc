"""The render worker's blob cache: verified reads, and a bounded folder that drops the least
recently used blobs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from nats.aio.client import Client

from gts_kit.blobs.nats_store import NatsObjectBlobStore
from gts_kit.testing.blobs import put_blob
from render.jobs.blobs import BlobCache, MissingBlobError

from .harness import sha256

BUCKET = "cache-test"
KIB = 1024


async def test_the_folder_keeps_to_its_bound_dropping_the_least_recently_used(
    nc: Client, tmp_path: Path
) -> None:
    js = nc.jetstream()
    blobs = [os.urandom(40 * KIB) for _ in range(3)]
    shas = [await put_blob(js, BUCKET, data) for data in blobs]
    cache = BlobCache(NatsObjectBlobStore(js, BUCKET), tmp_path / "blobs", max_bytes=100 * KIB)

    assert await cache.read(shas[0], "DI") == blobs[0]
    assert await cache.read(shas[1], "DI") == blobs[1]
    os.utime(cache.path_for(shas[0]), (1, 1))
    os.utime(cache.path_for(shas[1]), (2, 2))
    assert await cache.read(shas[0], "DI") == blobs[0]  # a cached read marks it used again
    assert await cache.read(shas[2], "DI") == blobs[2]  # 120 KiB now: one must go

    assert not cache.path_for(shas[1]).exists()  # the least recently used
    assert cache.path_for(shas[0]).exists()
    assert cache.path_for(shas[2]).exists()
    assert await cache.read(shas[1], "DI") == blobs[1]  # fetched again when asked for


async def test_a_damaged_entry_is_fetched_again_and_a_missing_blob_is_named(
    nc: Client, tmp_path: Path
) -> None:
    js = nc.jetstream()
    data = os.urandom(10 * KIB)
    sha = await put_blob(js, BUCKET, data)
    cache = BlobCache(NatsObjectBlobStore(js, BUCKET), tmp_path / "blobs", max_bytes=100 * KIB)
    assert await cache.read(sha, "DI") == data
    cache.path_for(sha).write_bytes(b"damaged")
    assert await cache.read(sha, "DI") == data

    absent = sha256(b"never stored")
    with pytest.raises(MissingBlobError, match=f"DI blob {absent} is missing"):
        await cache.read(absent, "DI")
