"""Outputs stream from the render bucket with HTTP Range; who may read them."""

from __future__ import annotations

import uuid

from gts_contracts import RenderOutput

from .conftest import ALICE, BOB, Api
from .flow import complete_render, ready_shootout, store_outputs
from .range_checks import assert_serves_ranges

# Bigger than one 128 KiB object-store chunk, so ranges cross chunk boundaries.
BODY = bytes(range(256)) * 1200


async def rendered(api: Api, nats_url: str, visibility: str) -> tuple[str, str]:
    """A shootout of `visibility` whose render completed with one stored output."""
    made = await ready_shootout(api, ALICE, visibility=visibility)
    shootout_id = uuid.UUID(made["shootout"]["id"])
    job = (await api.request(ALICE, "POST", f"/api/v1/shootouts/{shootout_id}/render")).json()
    (blob,) = await store_outputs(nats_url, [BODY])
    output_id = uuid.uuid4()
    output = RenderOutput(
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
    await complete_render(api, shootout_id, job["job_id"], [output])
    return str(shootout_id), f"/api/v1/outputs/{output_id}"


async def test_range_requests_seek_within_the_file(api: Api, nats_url: str) -> None:
    _, path = await rendered(api, nats_url, "private")
    whole = await api.request(ALICE, "GET", path)
    assert whole.status_code == 200
    assert whole.content == BODY
    assert whole.headers["content-type"] == "audio/mpeg"
    assert whole.headers["accept-ranges"] == "bytes"
    size = len(BODY)
    ranges = [
        ("bytes=10-19", 10, 19),
        ("bytes=131000-131100", 131000, 131100),
        (f"bytes={size - 100}-", size - 100, size - 1),
        ("bytes=-5", size - 5, size - 1),
        (f"bytes=0-{size + 50}", 0, size - 1),
    ]
    refused = [f"bytes={size}-", "bytes=20-10", "items=0-1", "bytes=-0"]
    await assert_serves_ranges(api, ALICE, path, BODY, ranges, refused)


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
