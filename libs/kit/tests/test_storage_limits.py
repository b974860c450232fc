"""Every stream and bucket is bounded, read back from a real NATS server; a full bucket
refuses the upload with 507, and deleting from it still frees space."""

from __future__ import annotations

import hashlib
import os
from collections.abc import AsyncIterator, Iterable

import nats
import pytest
from nats.js import JetStreamContext
from nats.js.api import DiscardPolicy, StreamConfig

from gts_contracts import STREAMS
from gts_kit.blobs.nats_store import NatsObjectBlobStore
from gts_kit.blobs.store import BlobStoreFullError
from gts_kit.messaging.streams import STREAM_LIMITS, ensure_streams, stream_limits

pytestmark = pytest.mark.usefixtures("clean_state")


async def stream(pieces: Iterable[bytes]) -> AsyncIterator[bytes]:
    for piece in pieces:
        yield piece


@pytest.fixture
async def js(nats_url: str) -> AsyncIterator[JetStreamContext]:
    """JetStream on a connection of the test's own."""
    nc = await nats.connect(nats_url)
    try:
        yield nc.jetstream()
    finally:
        await nc.close()


async def test_every_stream_is_bounded_and_an_old_stream_is_bounded_in_place(
    js: JetStreamContext,
) -> None:
    # a stream from before the limits, as an old deployment left it
    await js.add_stream(StreamConfig(name="SHOOTOUTS", subjects=["shootouts.>"]))
    await ensure_streams(js, limits=stream_limits({"CATALOG": 5_000_000}, {"AUTH": 3600.0}))
    for spec in STREAMS:
        config = (await js.stream_info(spec.name)).config
        assert (config.max_bytes or 0) > 0, spec.name
        assert (config.max_age or 0) > 0, spec.name
    catalog = (await js.stream_info("CATALOG")).config
    assert catalog.max_bytes == 5_000_000
    assert (await js.stream_info("AUTH")).config.max_age == 3600.0
    # the render work queue refuses new commands rather than drop queued ones
    shootouts = (await js.stream_info("SHOOTOUTS")).config
    assert shootouts.discard == DiscardPolicy.NEW
    assert shootouts.max_bytes == STREAM_LIMITS["SHOOTOUTS"].max_bytes


async def test_a_full_bucket_refuses_the_put_with_507_and_a_delete_frees_it(
    js: JetStreamContext,
) -> None:
    # made without a limit, then bounded in place when opened again
    await NatsObjectBlobStore.open(js, "test_full")
    store = await NatsObjectBlobStore.open(js, "test_full", max_bytes=600_000)
    assert (await js.stream_info("OBJ_test_full")).config.max_bytes == 600_000
    first = os.urandom(400_000)
    kept = await store.put(stream([first]), max_bytes=10**6)
    with pytest.raises(BlobStoreFullError) as refused:
        await store.put(stream([os.urandom(400_000)]), max_bytes=10**6)
    assert refused.value.status == 507
    assert "test_full" in refused.value.detail
    # nothing half-written stays behind, and the first blob still reads back whole
    assert b"".join([c async for c in store.get(kept.sha256)]) == first
    assert await store.delete(kept.sha256)
    again = os.urandom(400_000)
    info = await store.put(stream([again]), max_bytes=10**6)
    assert info.sha256 == hashlib.sha256(again).hexdigest()
