"""Chain groups: one real chain per valid combination, named for its gear; capped with a count."""

from __future__ import annotations

from .conftest import ALICE, BOB, Api


async def test_generate_makes_one_chain_per_valid_combination(api: Api) -> None:
    jcm = await api.add_gear(ALICE, "JCM800", "amp")
    full = await api.add_gear(ALICE, "Plexi rig", "amp-cab")
    os57 = await api.add_gear(ALICE, "Mesa OS 57", "cab-ir")
    group = {
        "name": "Amps x cabs",
        "input_gain_db": -3,
        "blocks": [
            {"type": "effect", "effect": "compressor", "params": {}},
            {"type": "slot", "name": "amp", "options": [str(jcm), str(full)]},
            {"type": "slot", "name": "cab", "options": [str(os57), None]},
            {"type": "effect", "effect": "reverb", "params": {}},
        ],
    }
    created = await api.request(ALICE, "POST", "/api/v1/chain-groups", json=group)
    assert created.status_code == 201, created.text
    assert created.json()["combinations"] == 4
    path = f"/api/v1/chain-groups/{created.json()['id']}"
    assert (await api.request(BOB, "POST", f"{path}/generate")).status_code == 404
    made = await api.request(ALICE, "POST", f"{path}/generate")
    assert made.status_code == 201, made.text
    names = sorted(c["name"] for c in made.json()["chains"])
    assert names == ["JCM800 + Mesa OS 57", "Plexi rig"]
    assert all(c["input_gain_db"] == -3 for c in made.json()["chains"])
    assert all(c["blocks"][-1]["effect"] == "reverb" for c in made.json()["chains"])
    skipped = made.json()["skipped"]
    assert sorted((s["name"], s["code"]) for s in skipped) == [
        ("JCM800", "IR_REQUIRED"),
        ("Plexi rig + Mesa OS 57", "IR_FORBIDDEN"),
    ]
    assert all(s["reason"] for s in skipped)
    listed = await api.request(ALICE, "GET", "/api/v1/signal-chains", params={"limit": 10})
    assert listed.json()["total"] == 2


async def test_group_over_the_cap_is_refused_with_the_count(api: Api) -> None:
    amps = [str(await api.add_gear(ALICE, f"Amp {i}", "amp")) for i in range(3)]
    irs = [str(await api.add_gear(ALICE, f"IR {i}", "cab-ir")) for i in range(2)]
    group = {
        "name": "too many",
        "blocks": [
            {"type": "slot", "name": "amp", "options": amps},
            {"type": "slot", "name": "cab", "options": irs},
        ],
    }
    # the test app caps groups at 4 chains
    answer = await api.request(ALICE, "POST", "/api/v1/chain-groups", json=group)
    assert answer.status_code == 422
    error = answer.json()["errors"][0]
    assert error["code"] == "too_many_combinations"
    assert "6 combinations" in error["reason"]
    assert "at most 4" in error["reason"]
    assert (await api.request(ALICE, "GET", "/api/v1/chain-groups")).json()["total"] == 0


async def test_a_pedal_slot_tries_each_pedal_capture_and_none_before_the_amp(api: Api) -> None:
    drive = await api.add_gear(ALICE, "Tube Screamer", "pedal")
    comp = await api.add_gear(ALICE, "LA-2A", "outboard")
    jcm = await api.add_gear(ALICE, "JCM800", "amp")
    os57 = await api.add_gear(ALICE, "Mesa OS 57", "cab-ir")
    group = {
        "name": "Drives",
        "blocks": [
            {"type": "slot", "name": "drive", "options": [str(drive), None]},
            {"type": "gear", "gear_id": str(jcm)},
            {"type": "gear", "gear_id": str(os57)},
            {"type": "slot", "name": "late", "options": [None, str(comp)]},
        ],
    }
    created = await api.request(ALICE, "POST", "/api/v1/chain-groups", json=group)
    assert created.status_code == 201, created.text
    made = await api.request(ALICE, "POST", f"/api/v1/chain-groups/{created.json()['id']}/generate")
    assert made.status_code == 201, made.text
    kinds = sorted(tuple(b["gear_kind"] for b in c["blocks"]) for c in made.json()["chains"])
    assert kinds == [("amp", "cab-ir"), ("pedal", "amp", "cab-ir")]
    # an outboard capture after the cab is a combination the grammar refuses
    assert {s["code"] for s in made.json()["skipped"]} == {"PEDAL_AFTER_AMP"}
