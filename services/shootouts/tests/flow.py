"""Helpers for the shootout tests: a ready shootout, the render command as render reads it,
and the render service's side of a completed render."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

import nats
from nats.js.api import DeliverPolicy

from gts_contracts import (
    OUTPUTS_BUCKET,
    RenderJobCompletedV1,
    RenderOutput,
    RenderRequestedV1,
    decode,
    spec_for,
)
from gts_kit.blobs.nats_store import NatsObjectBlobStore
from gts_kit.blobs.store import BlobInfo
from gts_kit.testing.waiting import eventually

from .conftest import ALICE, Api, wav_bytes


async def commands(nats_url: str, count: int) -> list[RenderRequestedV1]:
    """The first `count` render commands on NATS, decoded with the contract."""
    nc = await nats.connect(nats_url)
    try:
        sub = await nc.jetstream().subscribe(
            spec_for(RenderRequestedV1).subject,
            ordered_consumer=True,
            deliver_policy=DeliverPolicy.ALL,
        )
        return [
            decode((await sub.next_msg(timeout=10)).data, RenderRequestedV1) for _ in range(count)
        ]
    finally:
        await nc.close()


async def ready_shootout(api: Api, owner: uuid.UUID, **extra: Any) -> dict[str, Any]:
    """A shootout of one DI and two chains (amp + IR, full rig + delay) of `owner`'s."""
    di = (await api.upload_di(owner, "di.wav", wav_bytes(1.0), name="Clean DI")).json()
    amp = await api.add_gear(owner, "JCM800", "amp")
    ir = await api.add_gear(owner, "Mesa OS 57", "cab-ir")
    rig = await api.add_gear(owner, "Plexi rig", "amp-cab")
    chains = []
    for name, blocks in (
        ("Marshall", [{"type": "gear", "gear_id": str(amp)}, {"type": "gear", "gear_id": str(ir)}]),
        (
            "Plexi",
            [
                {"type": "gear", "gear_id": str(rig)},
                {"type": "effect", "effect": "delay", "params": {"mix": 0.2}},
            ],
        ),
    ):
        answer = await api.request(
            owner, "POST", "/api/v1/signal-chains", json={"name": name, "blocks": blocks}
        )
        assert answer.status_code == 201, answer.text
        chains.append(answer.json())
    body = {
        "name": "Marshall vs Plexi",
        "di_ids": [di["id"]],
        "chain_ids": [c["id"] for c in chains],
        "montage": {"segment_seconds": 2.5, "target_lufs": -16, "blind": True},
        **extra,
    }
    answer = await api.request(owner, "POST", "/api/v1/shootouts", json=body)
    assert answer.status_code == 201, answer.text
    return {"shootout": answer.json(), "di": di, "chains": chains, "gear": (amp, ir, rig)}


async def _once(data: bytes) -> AsyncIterator[bytes]:
    yield data


async def store_outputs(nats_url: str, bodies: list[bytes]) -> list[BlobInfo]:
    """Put rendered files into the outputs bucket, as the render service does."""
    nc = await nats.connect(nats_url)
    try:
        store = await NatsObjectBlobStore.open(nc.jetstream(), OUTPUTS_BUCKET)
        return [await store.put(_once(body), max_bytes=len(body)) for body in bodies]
    finally:
        await nc.close()


async def complete_render(
    api: Api,
    shootout_id: uuid.UUID,
    job_id: str,
    outputs: list[RenderOutput],
    blind_key: dict[str, str] | None = None,
) -> None:
    """Report ALICE's render `job_id` completed with `outputs`, and wait until she sees it."""
    await api.publish(
        RenderJobCompletedV1.new(
            job_id=uuid.UUID(job_id),
            shootout_id=shootout_id,
            owner_id=ALICE,
            outputs=outputs,
            blind_key=blind_key,
        )
    )
    path = f"/api/v1/shootouts/{shootout_id}"

    async def done() -> bool:
        latest = (await api.request(ALICE, "GET", path)).json()["latest_job"]
        return bool(latest["id"] == job_id and latest["status"] == "completed")

    assert await eventually(done)
