"""What the chain builder reads up front (effects, codes), and which chains and groups use a
gear item (what a "delete gear" dialog asks)."""

from __future__ import annotations

import uuid
from typing import Any

from gts_chains import EFFECTS, GRAMMAR_EXPLANATIONS
from shootouts.chains.blocks import EFFECTS as CONTRACT_EFFECTS

from .conftest import ALICE, BOB, Api
from .flow import ready_shootout


def gear(gear_id: uuid.UUID) -> dict[str, str]:
    return {"type": "gear", "gear_id": str(gear_id)}


async def test_effects_list_the_contracts_effects_with_their_parameters(api: Api) -> None:
    answer = await api.request(ALICE, "GET", "/api/v1/signal-chains/effects")
    assert answer.status_code == 200, answer.text
    body = answer.json()
    effects = {e["name"]: e for e in body["effects"]}
    # the contract's effects only: `gain` is the chain's input_gain_db, not a block
    assert list(effects) == list(CONTRACT_EFFECTS)
    assert "gain" not in effects
    for name, effect in effects.items():
        assert effect["label"]
        assert effect["description"]
        specs = EFFECTS[name]
        assert [p["name"] for p in effect["params"]] == [s.name for s in specs]
        for param, spec in zip(effect["params"], specs, strict=True):
            assert (param["low"], param["high"], param["default"], param["unit"]) == (
                spec.low,
                spec.high,
                spec.default,
                spec.unit,
            )
            assert param["label"]
    gate = {p["name"]: p for p in effects["noise_gate"]["params"]}
    assert gate["threshold_db"]["label"] == "Threshold"
    assert gate["threshold_db"]["unit"] == "dBFS"


async def test_effects_explain_every_code_a_chain_may_be_refused_with(api: Api) -> None:
    body = (await api.request(ALICE, "GET", "/api/v1/signal-chains/effects")).json()
    codes = {c["code"]: c["explanation"] for c in body["codes"]}
    for code, explanation in GRAMMAR_EXPLANATIONS.items():
        assert codes[str(code)] == explanation
    for code in ("unknown_effect", "invalid_param", "too_many_combinations"):
        assert codes[code]


async def test_effects_need_a_signed_in_caller_and_are_not_a_chain_id(api: Api) -> None:
    assert (await api.request(None, "GET", "/api/v1/signal-chains/effects")).status_code == 401
    schema = (await api.request(None, "GET", "/schema/openapi.json")).json()
    response = schema["paths"]["/api/v1/signal-chains/effects"]["get"]["responses"]["200"]
    assert response["content"]["application/json"]["schema"]["$ref"].endswith("ChainCatalog")


async def test_chains_and_groups_filtered_by_the_gear_they_use(api: Api) -> None:
    amp = await api.add_gear(ALICE, "JCM800", "amp")
    ir = await api.add_gear(ALICE, "Mesa OS 57", "cab-ir")
    ir2 = await api.add_gear(ALICE, "V30 121", "cab-ir")
    rig = await api.add_gear(ALICE, "Plexi rig", "amp-cab")

    async def chain(name: str, blocks: list[dict[str, Any]]) -> str:
        answer = await api.request(
            ALICE, "POST", "/api/v1/signal-chains", json={"name": name, "blocks": blocks}
        )
        assert answer.status_code == 201, answer.text
        return str(answer.json()["id"])

    marshall = await chain("Marshall", [gear(amp), gear(ir)])
    marshall_v30 = await chain("Marshall V30", [gear(amp), gear(ir2)])
    plexi = await chain("Plexi", [gear(rig), {"type": "effect", "effect": "reverb"}])
    group = await api.request(
        ALICE,
        "POST",
        "/api/v1/chain-groups",
        json={
            "name": "Cabs",
            "blocks": [gear(amp), {"type": "slot", "name": "cab", "options": [str(ir2), None]}],
        },
    )
    assert group.status_code == 201, group.text

    async def chains_using(gear_id: uuid.UUID, user: uuid.UUID = ALICE) -> list[str]:
        answer = await api.request(
            user, "GET", "/api/v1/signal-chains", params={"gear_id": str(gear_id)}
        )
        assert answer.status_code == 200, answer.text
        assert answer.json()["total"] == len(answer.json()["items"])
        return sorted(c["id"] for c in answer.json()["items"])

    async def groups_using(gear_id: uuid.UUID) -> list[str]:
        answer = await api.request(
            ALICE, "GET", "/api/v1/chain-groups", params={"gear_id": str(gear_id)}
        )
        assert answer.status_code == 200, answer.text
        return [g["name"] for g in answer.json()["items"]]

    assert await chains_using(amp) == sorted([marshall, marshall_v30])
    assert await chains_using(ir) == [marshall]
    assert await chains_using(rig) == [plexi]
    assert await chains_using(uuid.uuid4()) == []
    assert await chains_using(amp, BOB) == []
    # a fixed block and a slot option both count; an item nobody uses finds nothing
    assert await groups_using(amp) == ["Cabs"]
    assert await groups_using(ir2) == ["Cabs"]
    assert await groups_using(rig) == []
    # without the filter, everything
    listed = await api.request(ALICE, "GET", "/api/v1/signal-chains")
    assert listed.json()["total"] == 3
    bad = await api.request(ALICE, "GET", "/api/v1/signal-chains", params={"gear_id": "x"})
    assert bad.status_code == 400


async def test_deleting_a_di_in_use_names_the_shootouts(api: Api) -> None:
    made = await ready_shootout(api, ALICE)
    path = f"/api/v1/di-tracks/{made['di']['id']}"
    answer = await api.request(ALICE, "DELETE", path)
    assert answer.status_code == 409
    problem = answer.json()
    assert problem["code"] == "di_in_use"
    assert '"Marshall vs Plexi"' in problem["detail"]
    assert '"Clean DI"' in problem["detail"]
    assert (await api.request(ALICE, "GET", path)).status_code == 200
