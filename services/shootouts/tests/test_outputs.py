"""Outputs stream from the render bucket with HTTP Range; who may read them."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import nats

from gts_contracts import OUTPUTS_BUCKET, RenderJobCompletedV1, RenderOutput
from gts_kit.blobs import NatsObjectBlobStore
from gts_kit.testing.waiting import eventually

from .conftest import ALICE, BOB, Api
from .flow import ready_shootout

# Bigger than one 128 KiB object-store chunk, so ranges cross chunk boundaries.
BODY = bytes(range(256)) * 1200


async def _once(data: bytes) -> AsyncIterator[bytes]:
    yield data


async def rendered(api: Api, nats_url: str, visibility: str) -> tuple[str, str]:
    """A shootout of `visibility` whose render completed with one stored output."""
    made = await ready_shootout(api, ALICE, visibility=visibility)
    shootout_id = uuid.UUID(made["shootout"]["id"])
    job = (await api.request(ALICE, "POST", f"/api/v1/shootouts/{shootout_id}/render")).json()
    nc = await nats.connect(nats_url)
    try:
        store = await NatsObjectBlobStore.open(nc.jetstream(), OUTPUTS_BUCKET)
        blob = await store.put(_once(BODY), max_bytes=len(BODY))
    finally:
        await nc.close()
    output_id = uuid.uuid4()
    await api.publish(
        RenderJobCompletedV1.new(
            job_id=uuid.UUID(job["job_id"]),
            shootout_id=shootout_id,
            owner_id=ALICE,
            outputs=[
                RenderOutput(
                    output_id=output_id,
                    kind="montage_mp3",
                    di_id=None,
                    chain_id=None,
                    blob_sha256=blob.sha256,
                    content_type="audio/mpeg",
                    size_bytes=blob.size,
                    duration_seconds=5.0,
                    metrics=None,
                )
            ],
            blind_key=None,
        )
    )
    path = f"/api/v1/shootouts/{shootout_id}"

    async def done() -> bool:
        return bool((await api.request(ALICE, "GET", path)).json()["results"])

    assert await eventually(done)
    return str(shootout_id), f"/api/v1/outputs/{output_id}"


async def test_range_requests_seek_within_the_file(api: Api, nats_url: str) -> None:
    _, path = await rendered(api, nats_url, "private")
    whole = await api.request(ALICE, "GET", path)
    assert whole.status_code == 200
    assert whole.content == BODY
    assert whole.headers["content-type"] == "audio/mpeg"
    assert whole.headers["accept-ranges"] == "bytes"
    size = len(BODY)
    for header, start, end in (
        ("bytes=10-19", 10, 19),
        ("bytes=131000-131100", 131000, 131100),
        (f"bytes={size - 100}-", size - 100, size - 1),
        ("bytes=-5", size - 5, size - 1),
        (f"bytes=0-{size + 50}", 0, size - 1),
    ):
        part = await api.request(ALICE, "GET", path, headers={"Range": header})
        assert part.status_code == 206, header
        assert part.content == BODY[start : end + 1], header
        assert part.headers["content-range"] == f"bytes {start}-{end}/{size}"
        assert part.headers["content-length"] == str(end - start + 1)
    for bad in (f"bytes={size}-", "bytes=20-10", "items=0-1", "bytes=-0"):
        refused = await api.request(ALICE, "GET", path, headers={"Range": bad})
        assert refused.status_code == 416, bad
        assert refused.headers["content-range"] == f"bytes */{size}"


async def test_private_output_is_404_to_others_unlisted_is_open(api: Api, nats_url: str) -> None:
    shootout_id, private = await rendered(api, nats_url, "private")
    assert (await api.request(BOB, "GET", private)).status_code == 404
    assert (await api.request(None, "GET", private)).status_code == 404
    public = await api.request(None, "GET", f"/api/v1/public/shootouts/{shootout_id}")
    assert public.status_code == 404
    # making it unlisted opens the results (never the DI) to anyone with the id
    await api.request(
        ALICE, "PATCH", f"/api/v1/shootouts/{shootout_id}", json={"visibility": "unlisted"}
    )
    assert (await api.request(None, "GET", private)).content == BODY
    assert (await api.request(BOB, "GET", private)).status_code == 200
    assert (await api.request(BOB, "GET", f"/api/v1/outputs/{uuid.uuid4()}")).status_code == 404
