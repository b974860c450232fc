"""A pedal capture in front of an amp capture and a cab IR renders through the services."""

from __future__ import annotations

import pytest

from gts_cli.client import GtsClient
from gts_cli.flow import make_chain_of
from gts_nam import synthesize_nam
from tone3000_sandbox.library.ir import synthesize_ir

from .rendering import render_chains, upload_gear

pytestmark = pytest.mark.e2e


def test_a_pedal_capture_into_an_amp_capture_into_an_ir_renders(bob: GtsClient) -> None:
    drive = upload_gear(
        bob,
        "drive.nam",
        synthesize_nam("nano", seed=151, gear_type="pedal", name="Synth Drive"),
    )
    amp = upload_gear(bob, "amp.nam", synthesize_nam("nano", seed=152, name="Synth Amp"))
    cab = upload_gear(bob, "cab.wav", synthesize_ir(153))
    assert (drive["kind"], amp["kind"], cab["kind"]) == ("pedal", "amp", "cab-ir")

    after = bob.get("/api/v1/signal-chains/next-blocks", params={"after": "pedal"})
    assert after["next"] == ["effect", "pedal", "amp", "amp-cab"]
    driven = make_chain_of(bob, "Drive into amp", [drive, amp, cab])
    assert [b["gear_kind"] for b in driven["blocks"]] == ["pedal", "amp", "cab-ir"]
    assert driven["usable"] is True
    clean = make_chain_of(bob, "Amp alone", [amp, cab])

    audio = render_chains(bob, "Drive or not", [driven["id"], clean["id"]], di_seed=154)
    # the drive changes the sound: the two chains' files differ
    assert audio[driven["id"]] != audio[clean["id"]]
