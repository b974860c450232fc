"""Levels as the NAM plugin sets them, through the gateway: a capture's calibration levels
reach shootouts from its file, a calibrated chain lacking them is a 422 naming the block, and
a chain group sweeps the input gain over one capture into chains that render."""

from __future__ import annotations

from typing import Any

import pytest

from gts_cli.client import GtsClient, GtsError
from gts_cli.flow import create_shootout, make_chain_of, render_and_follow, upload_di
from gts_cli.synth_di import di_wav_bytes
from gts_nam import synthesize_nam
from tone3000_sandbox.library.ir import synthesize_ir

pytestmark = pytest.mark.e2e


def _upload(client: GtsClient, name: str, data: bytes) -> Any:
    # from disk: the TONE3000 stand-in throttles accounts that many tests use
    return client.post("/api/v1/gear", files={"file": (name, data)})


def test_a_gain_sweep_of_one_calibrated_capture_renders(carol: GtsClient) -> None:
    amp = _upload(
        carol,
        "calibrated.nam",
        synthesize_nam(
            "nano", seed=171, name="Calibrated Amp", loudness=-20.0, input_level_dbu=18.0
        ),
    )
    bare = _upload(carol, "bare.nam", synthesize_nam("nano", seed=172, name="Bare Amp"))
    cab = _upload(carol, "cab.wav", synthesize_ir(173))

    # a capture without input_level_dbu cannot be calibrated: 422 naming the block and field
    with pytest.raises(GtsError) as refused:
        make_chain_of(carol, "Bare calibrated", [bare, cab], input_mode="calibrated")
    assert refused.value.response.status_code == 422
    (error,) = refused.value.response.json()["errors"]
    assert (error["field"], error["code"]) == ("blocks[0]", "missing_level_metadata")
    assert "input_level_dbu" in error["reason"]

    make_chain_of(carol, "probe", [amp, cab], input_mode="calibrated", output_mode="normalized")
    group = carol.post(
        "/api/v1/chain-groups",
        json={
            "name": "Amp gain",
            "blocks": [
                {"type": "gear", "gear_id": amp["id"]},
                {"type": "gear", "gear_id": cab["id"]},
            ],
            "input_gains_db": [-6, 0, 6],
            "input_mode": "calibrated",
            "output_mode": "normalized",
        },
    )
    assert group["combinations"] == 3
    made = carol.post(f"/api/v1/chain-groups/{group['id']}/generate")
    chains = made["chains"]
    assert [(c["name"], c["input_gain_db"]) for c in chains] == [
        ("Amp gain @ -6 dB", -6),
        ("Amp gain @ 0 dB", 0),
        ("Amp gain @ +6 dB", 6),
    ]
    assert all((c["input_mode"], c["output_mode"]) == ("calibrated", "normalized") for c in chains)

    di = upload_di(carol, di_wav_bytes(3.0, seed=174), "sweep riff")
    shootout = create_shootout(
        carol,
        "Gain sweep",
        [di["id"]],
        [c["id"] for c in chains],
        outputs={"video": False, "pictures": False},
        reference_dbu=12.0,
    )
    assert shootout["reference_dbu"] == 12.0
    _, events = render_and_follow(carol, shootout["id"])
    last = events[-1]
    status = last["job"]["status"] if last.get("event") == "subscribed" else last.get("event")
    assert status == "completed", last
    results = carol.get(f"/api/v1/shootouts/{shootout['id']}")["results"]
    audio = {
        r["chain_id"]: carol.request("GET", f"/api/v1/outputs/{r['id']}").content
        for r in results
        if r["kind"] == "chain_audio"
    }
    # three chains, each its own gain into the capture: three different files
    assert set(audio) == {c["id"] for c in chains}
    assert len(set(audio.values())) == 3
