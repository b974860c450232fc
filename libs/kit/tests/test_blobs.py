"""The NATS Object Store blob store against a real NATS server."""

from __future__ import annotations

import asyncio
import hashlib
import os
from collections.abc import AsyncIterator, Iterable

import nats
import pytest
from nats.js.errors import ObjectNotFoundError

from gts_kit.blobs.nats_store import NatsObjectBlobStore
from gts_kit.blobs.store import (
    BlobCorruptError,
    BlobDigestMismatchError,
    BlobNotFoundError,
    BlobTooLargeError,
)

pytestmark = pytest.mark.usefixtures("clean_state")

BUCKET = "test_blobs"


async def stream(pieces: Iterable[bytes]) -> AsyncIterator[bytes]:
    for piece in pieces:
        yield piece


async def read_all(store: NatsObjectBlobStore, sha: str) -> bytes:
    return b"".join([chunk async for chunk in store.get(sha)])


async def chunk_messages(nc: nats.NATS) -> int:
    info = await nc.jetstream().stream_info(f"OBJ_{BUCKET}")
    return int(info.state.messages)


@pytest.fixture
async def nc(nats_url: str) -> AsyncIterator[nats.NATS]:
    """A NATS connection of the test's own."""
    connection = await nats.connect(nats_url)
    try:
        yield connection
    finally:
        await connection.close()


@pytest.fixture
async def store(nc: nats.NATS) -> NatsObjectBlobStore:
    return await NatsObjectBlobStore.open(nc.jetstream(), BUCKET, replicas=1)


async def test_streamed_put_is_keyed_by_sha256_and_reads_back_whole(
    store: NatsObjectBlobStore, nc: nats.NATS
) -> None:
    data = os.urandom(300_000)
    info = await store.put(
        stream([data[:1000], data[1000:200_000], data[200_000:]]), max_bytes=10**6
    )
    assert (info.sha256, info.size, info.created) == (
        hashlib.sha256(data).hexdigest(),
        300_000,
        True,
    )
    assert await store.exists(info.sha256)
    assert await read_all(store, info.sha256) == data
    # nats-py's own ObjectStore reads it too: the wire format is the standard one
    result = await (await nc.jetstream().object_store(BUCKET)).get(info.sha256)
    assert result.data == data


async def test_second_put_of_same_bytes_keeps_one_copy(
    store: NatsObjectBlobStore, nc: nats.NATS
) -> None:
    data = os.urandom(200_000)
    first = await store.put(stream([data]), max_bytes=10**6)
    messages_after_first = await chunk_messages(nc)
    second = await store.put(stream([data]), max_bytes=10**6)
    assert (second.sha256, second.created) == (first.sha256, False)
    assert await chunk_messages(nc) == messages_after_first


async def test_concurrent_puts_of_same_bytes_store_it_once(store: NatsObjectBlobStore) -> None:
    data = os.urandom(50_000)
    results = await asyncio.gather(*(store.put(stream([data]), max_bytes=10**6) for _ in range(4)))
    assert sorted(r.created for r in results) == [False, False, False, True]
    assert await read_all(store, results[0].sha256) == data


async def test_over_the_limit_is_refused_while_streaming_and_leaves_nothing(
    store: NatsObjectBlobStore, nc: nats.NATS
) -> None:
    pulled: list[int] = []

    async def endless() -> AsyncIterator[bytes]:
        for i in range(100):
            pulled.append(i)
            yield b"x" * 100_000

    with pytest.raises(BlobTooLargeError, match="limit of 250,000 bytes"):
        await store.put(endless(), max_bytes=250_000)
    assert len(pulled) == 3  # stopped reading at the chunk that crossed the limit
    assert await chunk_messages(nc) == 0


async def test_wrong_expected_sha256_is_refused_and_leaves_nothing(
    store: NatsObjectBlobStore,
) -> None:
    data = b"some bytes"
    wrong = hashlib.sha256(b"other bytes").hexdigest()
    with pytest.raises(BlobDigestMismatchError, match=f"expected {wrong}"):
        await store.put(stream([data]), max_bytes=100, expected_sha256=wrong)
    assert not await store.exists(hashlib.sha256(data).hexdigest())
    ok = await store.put(
        stream([data]), max_bytes=100, expected_sha256=hashlib.sha256(data).hexdigest()
    )
    assert ok.created


async def test_failing_source_stream_leaves_nothing(
    store: NatsObjectBlobStore, nc: nats.NATS
) -> None:
    async def broken() -> AsyncIterator[bytes]:
        yield os.urandom(300_000)
        raise ConnectionResetError("client went away")

    with pytest.raises(ConnectionResetError):
        await store.put(broken(), max_bytes=10**6)
    assert await chunk_messages(nc) == 0


async def test_delete_removes_blob_and_a_later_put_stores_it_again(
    store: NatsObjectBlobStore, nc: nats.NATS
) -> None:
    data = os.urandom(1000)
    info = await store.put(stream([data]), max_bytes=10**6)
    assert await store.delete(info.sha256)
    assert not await store.exists(info.sha256)
    assert not await store.delete(info.sha256)
    with pytest.raises(BlobNotFoundError):
        await read_all(store, info.sha256)
    with pytest.raises(ObjectNotFoundError):
        await (await nc.jetstream().object_store(BUCKET)).get(info.sha256)
    again = await store.put(stream([data]), max_bytes=10**6)
    assert again.created
    assert await read_all(store, info.sha256) == data


async def test_empty_blob_round_trips(store: NatsObjectBlobStore) -> None:
    info = await store.put(stream([]), max_bytes=10)
    assert info.size == 0
    assert await read_all(store, info.sha256) == b""


async def test_bytes_changed_in_storage_fail_the_read(
    store: NatsObjectBlobStore, nc: nats.NATS
) -> None:
    data = os.urandom(10_000)
    info = await store.put(stream([data]), max_bytes=10**6)
    js = nc.jetstream()
    nuid = (await (await js.object_store(BUCKET)).get_info(info.sha256)).nuid
    await js.purge_stream(f"OBJ_{BUCKET}", subject=f"$O.{BUCKET}.C.{nuid}")
    await js.publish(f"$O.{BUCKET}.C.{nuid}", b"tampered" + data[8:])
    with pytest.raises(BlobCorruptError, match="hash to"):
        await read_all(store, info.sha256)
