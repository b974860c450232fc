"""A pedal capture in front of an amp capture and a cab IR renders through the services."""

from __future__ import annotations

from typing import Any

import pytest

from gts_cli.client import GtsClient
from gts_cli.flow import create_shootout, make_chain_of, render_and_follow, upload_di
from gts_cli.synth_di import di_wav_bytes
from gts_nam import synthesize_nam
from tone3000_sandbox.library.ir import synthesize_ir

pytestmark = pytest.mark.e2e


def _upload(client: GtsClient, name: str, data: bytes) -> Any:
    # from disk: the TONE3000 stand-in throttles accounts that many tests use
    return client.post("/api/v1/gear", files={"file": (name, data)})


def test_a_pedal_capture_into_an_amp_capture_into_an_ir_renders(bob: GtsClient) -> None:
    drive = _upload(
        bob,
        "drive.nam",
        synthesize_nam("nano", seed=151, gear_type="pedal", name="Synth Drive"),
    )
    amp = _upload(bob, "amp.nam", synthesize_nam("nano", seed=152, name="Synth Amp"))
    cab = _upload(bob, "cab.wav", synthesize_ir(153))
    assert (drive["kind"], amp["kind"], cab["kind"]) == ("pedal", "amp", "cab-ir")

    after = bob.get("/api/v1/signal-chains/next-blocks", params={"after": "pedal"})
    assert after["next"] == ["effect", "pedal", "amp", "amp-cab"]
    driven = make_chain_of(bob, "Drive into amp", [drive, amp, cab])
    assert [b["gear_kind"] for b in driven["blocks"]] == ["pedal", "amp", "cab-ir"]
    assert driven["usable"] is True
    clean = make_chain_of(bob, "Amp alone", [amp, cab])

    di = upload_di(bob, di_wav_bytes(3.0, seed=154), "pedal riff")
    shootout = create_shootout(
        bob,
        "Drive or not",
        [di["id"]],
        [driven["id"], clean["id"]],
        outputs={"video": False, "pictures": False},
    )
    _, events = render_and_follow(bob, shootout["id"])
    last = events[-1]
    status = last["job"]["status"] if last.get("event") == "subscribed" else last.get("event")
    assert status == "completed", last

    results = bob.get(f"/api/v1/shootouts/{shootout['id']}")["results"]
    audio = {
        r["chain_id"]: bob.request("GET", f"/api/v1/outputs/{r['id']}").content
        for r in results
        if r["kind"] == "chain_audio"
    }
    assert set(audio) == {driven["id"], clean["id"]}
    # the drive changes the sound: the two chains' files differ
    assert audio[driven["id"]] != audio[clean["id"]]
