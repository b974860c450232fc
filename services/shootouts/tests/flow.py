"""Helpers for the shootout tests: a ready shootout, the render command as render reads it."""

from __future__ import annotations

import uuid
from typing import Any

import nats
from nats.js.api import DeliverPolicy

from gts_contracts import RenderRequestedV1, decode, spec_for

from .conftest import Api, wav_bytes


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
