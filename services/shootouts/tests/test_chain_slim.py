"""A capture block's `slim`: stored and shown, checked (0..1, containers only), sent to render."""

from __future__ import annotations

import uuid
from typing import Any

from gts_contracts import GearBlock, GearSubmodel
from gts_kit.testing.waiting import eventually

from .conftest import ALICE, Api, gear_added, wav_bytes
from .flow import commands

SUBMODELS = [
    GearSubmodel(max_value=0.5, parameters=1871, macs_per_second=83_088_000, loudness=-24.0),
    GearSubmodel(max_value=1.0, parameters=12146, macs_per_second=565_248_000, loudness=-26.4),
]


async def _container(api: Api, name: str = "A2 Slimmable") -> uuid.UUID:
    """Play the catalog: an A2 container capture, known to shootouts once this returns."""
    gear_id = uuid.uuid4()
    event = gear_added(ALICE, gear_id, name, "amp", submodels=SUBMODELS)
    await api.publish(event)

    async def known() -> bool:
        block = {"type": "gear", "gear_id": str(gear_id)}
        answer = await api.request(
            ALICE, "POST", "/api/v1/signal-chains", json={"name": "p", "blocks": [block, block]}
        )
        return "UNKNOWN_GEAR" not in [e.get("code") for e in answer.json().get("errors", [])]

    assert await eventually(known)
    return gear_id


def _chain(amp: uuid.UUID, ir: uuid.UUID, slim: float | None) -> dict[str, Any]:
    block: dict[str, Any] = {"type": "gear", "gear_id": str(amp)}
    if slim is not None:
        block["slim"] = slim
    return {"name": f"slim {slim}", "blocks": [block, {"type": "gear", "gear_id": str(ir)}]}


async def test_slim_is_stored_returned_and_sent_in_the_render_command(
    api: Api, nats_url: str
) -> None:
    amp = await _container(api)
    ir = await api.add_gear(ALICE, "V30", "cab-ir")
    made = await api.request(ALICE, "POST", "/api/v1/signal-chains", json=_chain(amp, ir, 0))
    assert made.status_code == 201, made.text
    assert made.json()["blocks"][0]["slim"] == 0
    assert made.json()["blocks"][1]["slim"] is None
    assert made.json()["blocks"][0]["submodel_max_values"] == [0.5, 1.0]
    assert made.json()["blocks"][1]["submodel_max_values"] is None
    full = await api.request(ALICE, "POST", "/api/v1/signal-chains", json=_chain(amp, ir, None))
    assert full.status_code == 201, full.text
    assert full.json()["blocks"][0]["slim"] is None
    again = await api.request(ALICE, "GET", f"/api/v1/signal-chains/{made.json()['id']}")
    assert again.json()["blocks"][0]["slim"] == 0
    patched = await api.request(
        ALICE,
        "PATCH",
        f"/api/v1/signal-chains/{full.json()['id']}",
        json={"blocks": _chain(amp, ir, 0.75)["blocks"]},
    )
    assert patched.status_code == 200, patched.text
    assert patched.json()["blocks"][0]["slim"] == 0.75

    di = (await api.upload_di(ALICE, "di.wav", wav_bytes(1.0), name="DI")).json()
    body = {
        "name": "slim vs full",
        "di_ids": [di["id"]],
        "chain_ids": [made.json()["id"], full.json()["id"]],
    }
    shootout = await api.request(ALICE, "POST", "/api/v1/shootouts", json=body)
    assert shootout.status_code == 201, shootout.text
    render = await api.request(ALICE, "POST", f"/api/v1/shootouts/{shootout.json()['id']}/render")
    assert render.status_code == 202, render.text
    (command,) = await commands(nats_url, 1)
    slims = []
    for chain in command.chains:
        first = chain.blocks[0]
        assert isinstance(first, GearBlock)
        slims.append(first.slim)
    assert slims == [0.0, 0.75]


async def test_slim_out_of_range_or_on_a_plain_capture_is_422_naming_the_field(
    api: Api,
) -> None:
    amp = await _container(api)
    plain = await api.add_gear(ALICE, "JCM800", "amp")
    ir = await api.add_gear(ALICE, "V30", "cab-ir")
    cases = [
        (amp, 1.5, "invalid_slim"),
        (amp, -0.1, "invalid_slim"),
        (plain, 0.0, "not_slimmable"),
        (ir, 0.5, "not_slimmable"),
    ]
    for gear_id, slim, code in cases:
        blocks = _chain(amp, ir, None)["blocks"]
        index = 1 if gear_id == ir else 0
        blocks[index] = {"type": "gear", "gear_id": str(gear_id), "slim": slim}
        answer = await api.request(
            ALICE, "POST", "/api/v1/signal-chains", json={"name": "bad", "blocks": blocks}
        )
        assert answer.status_code == 422, answer.text
        assert answer.headers["content-type"].startswith("application/problem+json")
        (error,) = answer.json()["errors"]
        assert (error["field"], error["code"]) == (f"blocks[{index}].slim", code)
    listed = await api.request(ALICE, "GET", "/api/v1/signal-chains")
    assert listed.json()["total"] == 0  # nothing refused was stored
