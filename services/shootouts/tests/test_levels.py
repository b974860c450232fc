"""Levels as the NAM plugin sets them: the gains each mode resolves to (hand-computed), a
chain refused when a capture lacks the metadata its modes need, the resolved gains in the
render command, and a chain group sweeping the input gain over one capture."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from gts_contracts import GearUpdatedV1
from gts_kit.testing.waiting import eventually
from shootouts.chains.levels import CaptureGains, resolve
from shootouts.gear.read_model import Gear

from .conftest import ALICE, Api, gear_added
from .flow import commands


def gear(kind: str = "amp", fmt: str = "nam", **levels: Any) -> Gear:
    return Gear(uuid.uuid4(), ALICE, kind, fmt, "0" * 64, "Capture", "WaveNet", False, **levels)


def test_resolved_gains_are_the_plugins_hand_computed() -> None:
    amp = gear(loudness=-22.5, input_level_dbu=18.3, output_level_dbu=9.8)
    # raw: nothing added
    assert resolve(amp, None, "raw", "raw", 12.0) == CaptureGains(0.0, 0.0)
    # calibrated input from a 12 dBu interface to a capture trained at 18.3 dBu: 12 - 18.3
    got = resolve(amp, None, "calibrated", "raw", 12.0)
    assert (got.input_gain_db, got.output_gain_db) == (pytest.approx(-6.3), 0.0)
    # normalized output: -18 - (-22.5) = +4.5
    got = resolve(amp, None, "raw", "normalized", 12.0)
    assert (got.input_gain_db, got.output_gain_db) == (0.0, pytest.approx(4.5))
    # calibrated output: 9.8 - 12 = -2.2; with a +4 dBu interface: 4 - 18.3 and 9.8 - 4
    got = resolve(amp, None, "calibrated", "calibrated", 12.0)
    assert (got.input_gain_db, got.output_gain_db) == (pytest.approx(-6.3), pytest.approx(-2.2))
    got = resolve(amp, None, "calibrated", "calibrated", 4.0)
    assert (got.input_gain_db, got.output_gain_db) == (pytest.approx(-14.3), pytest.approx(5.8))
    # an IR has no levels: nothing added whatever the modes
    ir = gear("cab-ir", "ir")
    assert resolve(ir, None, "calibrated", "calibrated", 12.0) == CaptureGains(0.0, 0.0)


def test_normalized_output_uses_the_loudness_of_the_submodel_slim_picks() -> None:
    container = gear(
        loudness=-20.0,
        submodels=[
            {"max_value": 0.5, "parameters": 10, "macs_per_second": 1, "loudness": -25.0},
            {"max_value": 1.0, "parameters": 20, "macs_per_second": 2, "loudness": -20.0},
        ],
    )
    # slim 0.3 runs the first submodel: -18 - (-25) = +7; unset runs the largest: +2
    assert resolve(container, 0.3, "raw", "normalized", 12.0).output_gain_db == pytest.approx(7.0)
    assert resolve(container, None, "raw", "normalized", 12.0).output_gain_db == pytest.approx(2.0)


def test_pedal_and_amp_calibrated_on_both_sides_chain_at_their_analog_levels() -> None:
    pedal = gear("pedal", input_level_dbu=10.0, output_level_dbu=8.0)
    amp = gear("amp", input_level_dbu=18.0, output_level_dbu=20.0)
    p = resolve(pedal, None, "calibrated", "calibrated", 12.0)
    a = resolve(amp, None, "calibrated", "calibrated", 12.0)
    assert (p.input_gain_db, p.output_gain_db) == (2.0, -4.0)  # 12 - 10, 8 - 12
    assert (a.input_gain_db, a.output_gain_db) == (-6.0, 8.0)  # 12 - 18, 20 - 12
    # the amp hears the pedal's full scale (8 dBu) where its own 18 dBu full scale is
    assert p.output_gain_db + a.input_gain_db == 8.0 - 18.0


def _chain(name: str, *blocks: uuid.UUID, **extra: Any) -> dict[str, Any]:
    return {
        "name": name,
        "blocks": [{"type": "gear", "gear_id": str(b)} for b in blocks],
        **extra,
    }


async def _stored_chain(api: Api, name: str, *blocks: uuid.UUID, **modes: str) -> dict[str, Any]:
    """Alice's new chain of `blocks` at `modes` (201)."""
    answer = await api.request(
        ALICE, "POST", "/api/v1/signal-chains", json=_chain(name, *blocks, **modes)
    )
    assert answer.status_code == 201, answer.text
    return answer.json()


async def test_a_mode_whose_metadata_a_capture_lacks_is_a_422_naming_block_and_field(
    api: Api,
) -> None:
    bare = await api.add_gear(ALICE, "Bare amp", "amp")
    ir = await api.add_gear(ALICE, "V30", "cab-ir")
    for modes, field in (
        ({"input_mode": "calibrated"}, "input_level_dbu"),
        ({"output_mode": "normalized"}, "loudness"),
        ({"output_mode": "calibrated"}, "output_level_dbu"),
    ):
        answer = await api.request(
            ALICE, "POST", "/api/v1/signal-chains", json=_chain("Bare", bare, ir, **modes)
        )
        assert answer.status_code == 422, answer.text
        (error,) = answer.json()["errors"]
        assert (error["field"], error["code"]) == ("blocks[0]", "missing_level_metadata")
        assert field in error["reason"]
        assert "Bare amp" in error["reason"]
    # raw needs nothing; switching it to calibrated later is refused the same way
    made = await _stored_chain(api, "Bare", bare, ir)
    assert (made["input_mode"], made["output_mode"]) == ("raw", "raw")
    path = f"/api/v1/signal-chains/{made['id']}"
    patched = await api.request(ALICE, "PATCH", path, json={"output_mode": "calibrated"})
    assert patched.status_code == 422, patched.text
    assert patched.json()["errors"][0]["field"] == "blocks[0]"
    assert (await api.request(ALICE, "GET", path)).json()["output_mode"] == "raw"


async def test_a_chain_whose_capture_loses_the_metadata_its_modes_need_is_unusable(
    api: Api,
) -> None:
    from .conftest import wav_bytes

    di = (await api.upload_di(ALICE, "di.wav", wav_bytes(1.0), name="DI")).json()
    amp = await api.add_gear(ALICE, "Plexi", "amp", output_level_dbu=9.8)
    ir = await api.add_gear(ALICE, "V30", "cab-ir")
    made = await _stored_chain(api, "Cal", amp, ir, output_mode="calibrated")
    assert made["usable"] is True
    chain_ids = [made["id"], (await _stored_chain(api, "Raw", amp, ir))["id"]]
    body = {"name": "Levels", "di_ids": [di["id"]], "chain_ids": chain_ids}
    created = await api.request(ALICE, "POST", "/api/v1/shootouts", json=body)
    assert created.status_code == 201, created.text
    shootout = created.json()
    # the catalog re-reads the capture and finds no output level any more
    bare = gear_added(ALICE, amp, "Plexi", "amp")
    await api.publish(
        GearUpdatedV1(**{f: getattr(bare, f) for f in GearUpdatedV1.__struct_fields__})
    )
    path = f"/api/v1/signal-chains/{made['id']}"

    async def unusable() -> bool:
        return (await api.request(ALICE, "GET", path)).json()["usable"] is False

    assert await eventually(unusable)
    (reason,) = (await api.request(ALICE, "GET", path)).json()["unusable"]
    assert (reason["field"], reason["code"]) == ("blocks[0]", "missing_level_metadata")
    assert "output_level_dbu" in reason["reason"]
    # and the shootout is refused a render, naming the chain and the block
    sent = await api.request(ALICE, "POST", f"/api/v1/shootouts/{shootout['id']}/render")
    assert sent.status_code == 422, sent.text
    (error,) = sent.json()["errors"]
    assert (error["field"], error["code"]) == ("chain_ids[0].blocks[0]", "missing_level_metadata")
    assert error["reason"].startswith("Cal: ")


async def test_calibrated_chain_sends_the_resolved_gains_with_the_shootouts_reference(
    api: Api, nats_url: str
) -> None:
    from .conftest import wav_bytes

    di = (await api.upload_di(ALICE, "di.wav", wav_bytes(1.0), name="DI")).json()
    amp = await api.add_gear(
        ALICE, "Plexi", "amp", loudness=-22.5, input_level_dbu=18.3, output_level_dbu=9.8
    )
    ir = await api.add_gear(ALICE, "V30", "cab-ir")
    calibrated = await _stored_chain(
        api, "Cal", amp, ir, input_mode="calibrated", output_mode="calibrated"
    )
    assert (calibrated["input_mode"], calibrated["output_mode"]) == ("calibrated", "calibrated")
    normalized = await _stored_chain(api, "Norm", amp, ir, output_mode="normalized")
    body = {
        "name": "Levels",
        "di_ids": [di["id"]],
        "chain_ids": [calibrated["id"], normalized["id"]],
        "reference_dbu": 10.0,
    }
    shootout = await api.request(ALICE, "POST", "/api/v1/shootouts", json=body)
    assert shootout.status_code == 201, shootout.text
    assert shootout.json()["reference_dbu"] == 10.0
    sent = await api.request(ALICE, "POST", f"/api/v1/shootouts/{shootout.json()['id']}/render")
    assert sent.status_code == 202, sent.text
    (command,) = await commands(nats_url, 1)
    cal, norm = command.chains
    assert (cal.input_mode, cal.output_mode, cal.reference_dbu) == ("calibrated", "calibrated", 10)
    capture, cab = cal.blocks
    # 10 - 18.3 before the amp, 9.8 - 10 after it; the IR gets nothing
    assert capture.input_gain_db == pytest.approx(-8.3)  # type: ignore[union-attr]
    assert capture.output_gain_db == pytest.approx(-0.2)  # type: ignore[union-attr]
    assert (cab.input_gain_db, cab.output_gain_db) == (0.0, 0.0)  # type: ignore[union-attr]
    # normalized: -18 - (-22.5), whatever the reference
    assert norm.blocks[0].input_gain_db == 0.0  # type: ignore[union-attr]
    assert norm.blocks[0].output_gain_db == pytest.approx(4.5)  # type: ignore[union-attr]


async def test_a_group_sweeps_the_input_gain_over_one_capture(api: Api) -> None:
    amp = await api.add_gear(ALICE, "JCM800", "amp", input_level_dbu=14.0)
    ir = await api.add_gear(ALICE, "V30", "cab-ir")
    group = {
        "name": "JCM800 gain",
        "blocks": [{"type": "gear", "gear_id": str(amp)}, {"type": "gear", "gear_id": str(ir)}],
        "input_gains_db": [-6, 0, 6],
        "input_mode": "calibrated",
    }
    created = await api.request(ALICE, "POST", "/api/v1/chain-groups", json=group)
    assert created.status_code == 201, created.text
    view = created.json()
    assert (view["combinations"], view["input_gains_db"], view["input_mode"]) == (
        3,
        [-6, 0, 6],
        "calibrated",
    )
    made = await api.request(ALICE, "POST", f"/api/v1/chain-groups/{view['id']}/generate")
    assert made.status_code == 201, made.text
    chains = made.json()["chains"]
    assert [(c["name"], c["input_gain_db"]) for c in chains] == [
        ("JCM800 gain @ -6 dB", -6),
        ("JCM800 gain @ 0 dB", 0),
        ("JCM800 gain @ +6 dB", 6),
    ]
    assert all(c["input_mode"] == "calibrated" and c["output_mode"] == "raw" for c in chains)
    assert all(c["usable"] for c in chains)
    assert made.json()["skipped"] == []


async def test_a_group_names_the_slot_option_lacking_the_metadata_its_modes_need(
    api: Api,
) -> None:
    good = await api.add_gear(ALICE, "Calibrated amp", "amp", output_level_dbu=20.0)
    bare = await api.add_gear(ALICE, "Bare amp", "amp")
    ir = await api.add_gear(ALICE, "V30", "cab-ir")
    group = {
        "name": "Amps",
        "blocks": [
            {"type": "slot", "name": "amp", "options": [str(good), str(bare)]},
            {"type": "gear", "gear_id": str(ir)},
        ],
        "output_mode": "calibrated",
    }
    answer = await api.request(ALICE, "POST", "/api/v1/chain-groups", json=group)
    assert answer.status_code == 422, answer.text
    (error,) = answer.json()["errors"]
    assert (error["field"], error["code"]) == ("blocks[0].options[1]", "missing_level_metadata")
    assert "output_level_dbu" in error["reason"]
