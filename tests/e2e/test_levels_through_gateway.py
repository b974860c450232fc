"""Levels as the NAM plugin sets them, through the gateway: a capture's calibration levels
reach shootouts from its file, a calibrated chain lacking them is a 422 naming the block, and
a chain group sweeps the input gain over one capture into chains that render."""

from __future__ import annotations

import pytest

from gts_cli.client import GtsClient, GtsError
from gts_cli.flow import make_chain_of, upload_di
from gts_cli.synth_di import di_wav_bytes
from gts_nam import synthesize_nam
from tone3000_sandbox.library.ir import synthesize_ir

from .rendering import chain_audio, render_to_completion, shootout_over, upload_gear

pytestmark = pytest.mark.e2e


def test_a_gain_sweep_of_one_calibrated_capture_renders(carol: GtsClient) -> None:
    amp = upload_gear(
        carol,
        "calibrated.nam",
        synthesize_nam(
            "nano", seed=171, name="Calibrated Amp", loudness=-20.0, input_level_dbu=18.0
        ),
    )
    bare = upload_gear(carol, "bare.nam", synthesize_nam("nano", seed=172, name="Bare Amp"))
    cab = upload_gear(carol, "cab.wav", synthesize_ir(173))

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
    outputs = {"video": False, "pictures": False}
    shootout = shootout_over(carol, "Gain sweep", di, chains, outputs=outputs, reference_dbu=12.0)
    assert shootout["reference_dbu"] == 12.0
    results = render_to_completion(carol, shootout["id"])
    audio = chain_audio(carol, results)
    # three chains, each its own gain into the capture: three different files
    assert set(audio) == {c["id"] for c in chains}
    assert len(set(audio.values())) == 3
