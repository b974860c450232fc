"""Signal chains: every grammar code reachable with its explanation, next-block help, and
chains that say when their gear is gone."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from gts_contracts import GearRemovedV1, GearUpdatedV1
from gts_kit.testing.waiting import eventually

from .conftest import ALICE, BOB, Api, gear_added


def gear(gear_id: uuid.UUID) -> dict[str, str]:
    return {"type": "gear", "gear_id": str(gear_id)}


def effect(name: str, **params: float) -> dict[str, Any]:
    return {"type": "effect", "effect": name, "params": params}


@pytest.fixture
async def rig(api: Api) -> dict[str, uuid.UUID]:
    return {
        "amp": await api.add_gear(ALICE, "JCM800", "amp"),
        "amp2": await api.add_gear(ALICE, "Recto", "amp"),
        "full": await api.add_gear(ALICE, "Plexi full rig", "amp-cab"),
        "ir": await api.add_gear(ALICE, "Mesa OS 57", "cab-ir"),
        "ir2": await api.add_gear(ALICE, "V30 121", "cab-ir"),
        "pedal": await api.add_gear(ALICE, "Tube Screamer", "pedal"),
        "outboard": await api.add_gear(ALICE, "LA-2A", "outboard"),
    }


async def test_valid_chain_is_stored_with_effect_defaults(
    api: Api, rig: dict[str, uuid.UUID]
) -> None:
    blocks = [
        effect("compressor"),
        gear(rig["amp"]),
        gear(rig["ir"]),
        effect("delay", mix=0.1),
    ]
    answer = await api.request(
        ALICE, "POST", "/api/v1/signal-chains", json={"name": "Lead", "blocks": blocks}
    )
    assert answer.status_code == 201, answer.text
    chain = answer.json()
    assert chain["usable"] is True
    assert [b.get("gear_name") for b in chain["blocks"][:3]] == [None, "JCM800", "Mesa OS 57"]
    assert chain["blocks"][0]["params"]["ratio"] == 4.0
    assert chain["blocks"][3]["params"] == {"delay_seconds": 0.35, "feedback": 0.3, "mix": 0.1}


@pytest.mark.parametrize(
    ("layout", "code", "field"),
    [
        (["ir"], "NO_AMP", "blocks"),
        (["amp", "amp2", "ir"], "MULTIPLE_AMPS", "blocks[1]"),
        (["amp"], "IR_REQUIRED", "blocks[0]"),
        (["full", "ir"], "IR_FORBIDDEN", "blocks[1]"),
        (["amp", "ir", "ir2"], "MULTIPLE_IRS", "blocks[2]"),
        (["ir", "amp"], "INVALID_ORDER", "blocks[0]"),
        (["unknown", "ir"], "UNKNOWN_GEAR", "blocks[0].gear_id"),
        (["amp", "pedal", "ir"], "PEDAL_AFTER_AMP", "blocks[1]"),
        (["full", "outboard"], "PEDAL_AFTER_AMP", "blocks[1]"),
    ],
)
async def test_every_grammar_code_is_reachable_and_explained(
    api: Api, rig: dict[str, uuid.UUID], layout: list[str], code: str, field: str
) -> None:
    blocks = [gear(rig.get(k, uuid.uuid4())) for k in layout]
    answer = await api.request(
        ALICE, "POST", "/api/v1/signal-chains", json={"name": "bad", "blocks": blocks}
    )
    assert answer.status_code == 422
    assert answer.headers["content-type"].startswith("application/problem+json")
    error = answer.json()["errors"][0]
    assert (error["code"], error["field"]) == (code, field)
    assert len(error["reason"]) > 20
    listed = await api.request(ALICE, "GET", "/api/v1/signal-chains")
    assert listed.json()["total"] == 0


async def test_bad_effect_parameter_names_the_parameter(
    api: Api, rig: dict[str, uuid.UUID]
) -> None:
    blocks = [gear(rig["amp"]), gear(rig["ir"]), effect("reverb", room_size=3.0)]
    answer = await api.request(
        ALICE, "POST", "/api/v1/signal-chains", json={"name": "x", "blocks": blocks}
    )
    assert answer.status_code == 422
    error = answer.json()["errors"][0]
    assert error["field"] == "blocks[2].params.room_size"
    assert "outside 0 to 1" in error["reason"]


async def test_another_users_gear_is_unknown(api: Api, rig: dict[str, uuid.UUID]) -> None:
    answer = await api.request(
        BOB,
        "POST",
        "/api/v1/signal-chains",
        json={"name": "x", "blocks": [gear(rig["full"])]},
    )
    assert answer.json()["errors"][0]["code"] == "UNKNOWN_GEAR"


async def test_next_blocks_tell_what_may_come_next(api: Api) -> None:
    path = "/api/v1/signal-chains/next-blocks"
    start = await api.request(ALICE, "GET", path)
    assert start.json() == {
        "after": [],
        "next": ["effect", "pedal", "amp", "amp-cab"],
        "complete": False,
    }
    pedals = await api.request(ALICE, "GET", path, params={"after": "pedal,effect,pedal"})
    assert pedals.json()["next"] == ["effect", "pedal", "amp", "amp-cab"]
    late = await api.request(ALICE, "GET", path, params={"after": "amp,pedal"})
    assert late.status_code == 422
    assert late.json()["errors"][0]["code"] == "PEDAL_AFTER_AMP"
    amp = await api.request(ALICE, "GET", path, params={"after": "effect,amp"})
    assert amp.json()["next"] == ["effect", "ir"]
    done = await api.request(ALICE, "GET", path, params={"after": "amp,ir"})
    assert done.json() == {"after": ["amp", "ir"], "next": ["effect"], "complete": True}
    dead = await api.request(ALICE, "GET", path, params={"after": "amp-cab,ir"})
    assert dead.status_code == 422
    assert dead.json()["errors"][0]["code"] == "IR_FORBIDDEN"


async def test_chain_with_removed_gear_says_it_is_unusable(
    api: Api, rig: dict[str, uuid.UUID]
) -> None:
    chain = (
        await api.request(
            ALICE,
            "POST",
            "/api/v1/signal-chains",
            json={"name": "Rig", "blocks": [gear(rig["amp"]), gear(rig["ir"])]},
        )
    ).json()
    removed = GearRemovedV1.new(owner_id=ALICE, gear_id=rig["ir"], blob_sha256="a" * 64)
    await api.publish(removed)
    path = f"/api/v1/signal-chains/{chain['id']}"

    async def unusable() -> bool:
        return (await api.request(ALICE, "GET", path)).json()["usable"] is False

    assert await eventually(unusable)
    view = (await api.request(ALICE, "GET", path)).json()
    assert view["unusable"][0]["code"] == "UNKNOWN_GEAR"
    assert view["unusable"][0]["field"] == "blocks[1].gear_id"
    # an update older than the removal (out of order) does not bring the item back
    stale = gear_added(ALICE, rig["ir"], "Mesa OS 57", "cab-ir")
    await api.publish(
        GearUpdatedV1(
            **{f: getattr(stale, f) for f in GearUpdatedV1.__struct_fields__ if f != "occurred_at"},
            occurred_at=removed.occurred_at.replace(year=2000),
        )
    )
    await api.publish(gear_added(ALICE, uuid.uuid4(), "marker", "amp"))
    assert (await api.request(ALICE, "GET", path)).json()["usable"] is False
    # and a new chain cannot use it
    again = await api.request(
        ALICE,
        "POST",
        "/api/v1/signal-chains",
        json={"name": "Rig 2", "blocks": [gear(rig["amp"]), gear(rig["ir"])]},
    )
    assert again.json()["errors"][0]["code"] == "UNKNOWN_GEAR"
    assert "removed" in again.json()["errors"][0]["reason"]


async def test_chain_update_rechecks_and_bob_gets_404(api: Api, rig: dict[str, uuid.UUID]) -> None:
    chain = (
        await api.request(
            ALICE,
            "POST",
            "/api/v1/signal-chains",
            json={"name": "Rig", "blocks": [gear(rig["full"])]},
        )
    ).json()
    path = f"/api/v1/signal-chains/{chain['id']}"
    bad = await api.request(ALICE, "PATCH", path, json={"blocks": [gear(rig["amp"])]})
    assert bad.json()["errors"][0]["code"] == "IR_REQUIRED"
    ok = await api.request(ALICE, "PATCH", path, json={"input_gain_db": -6})
    assert ok.json()["input_gain_db"] == -6
    assert (await api.request(BOB, "GET", path)).status_code == 404
    assert (await api.request(BOB, "PATCH", path, json={"name": "mine"})).status_code == 404
    assert (await api.request(BOB, "DELETE", path)).status_code == 404
    assert (await api.request(ALICE, "DELETE", path)).status_code == 204


async def test_pedal_and_outboard_captures_go_before_the_amp(
    api: Api, rig: dict[str, uuid.UUID]
) -> None:
    blocks = [
        gear(rig["pedal"]),
        effect("noise_gate"),
        gear(rig["outboard"]),
        gear(rig["amp"]),
        gear(rig["ir"]),
    ]
    answer = await api.request(
        ALICE, "POST", "/api/v1/signal-chains", json={"name": "Drive", "blocks": blocks}
    )
    assert answer.status_code == 201, answer.text
    chain = answer.json()
    assert chain["usable"] is True
    assert [(b.get("gear_name"), b.get("gear_kind")) for b in chain["blocks"]] == [
        ("Tube Screamer", "pedal"),
        (None, None),
        ("LA-2A", "outboard"),
        ("JCM800", "amp"),
        ("Mesa OS 57", "cab-ir"),
    ]
