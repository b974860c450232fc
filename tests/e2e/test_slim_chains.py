"""An A2 container capture at two slim values renders two different chains through the
services; the library lists its submodels, and slim on a plain capture is refused."""

from __future__ import annotations

from pathlib import Path
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


def _blocks(amp: Any, cab: Any, slim: float | None) -> list[dict[str, Any]]:
    first: dict[str, Any] = {"type": "gear", "gear_id": amp["id"]}
    if slim is not None:
        first["slim"] = slim
    return [first, {"type": "gear", "gear_id": cab["id"]}]


def test_slim_zero_and_the_largest_submodel_render_differently(
    carol: GtsClient, shared_fixtures: Path
) -> None:
    a2 = _upload(carol, "a2.nam", (shared_fixtures / "nam" / "a2_container.nam").read_bytes())
    assert [s["max_value"] for s in a2["submodels"]] == [0.5, 1.0]
    assert all(s["parameters"] > 0 and s["loudness"] is not None for s in a2["submodels"])
    cab = _upload(carol, "cab.wav", synthesize_ir(161))
    plain = _upload(carol, "plain.nam", synthesize_nam("nano", seed=162))

    lite = make_chain_of(carol, "A2 lite", [a2, cab], blocks=_blocks(a2, cab, 0.0))
    assert (lite["blocks"][0]["slim"], lite["blocks"][0]["submodel_max_values"]) == (0, [0.5, 1])
    full = make_chain_of(carol, "A2 full", [a2, cab], blocks=_blocks(a2, cab, None))
    assert full["blocks"][0]["slim"] is None
    with pytest.raises(GtsError) as refused:
        make_chain_of(carol, "Plain slim", [plain, cab], blocks=_blocks(plain, cab, 0.0))
    assert refused.value.response.status_code == 422
    fields = [e["field"] for e in refused.value.response.json()["errors"]]
    assert fields == ["blocks[0].slim"]

    di = upload_di(carol, di_wav_bytes(3.0, seed=163), "slim riff")
    shootout = create_shootout(
        carol,
        "Slim or full",
        [di["id"]],
        [lite["id"], full["id"]],
        outputs={"video": False, "pictures": False},
    )
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
    assert set(audio) == {lite["id"], full["id"]}
    # the same file at two slim values: two submodels, two sounds
    assert audio[lite["id"]] != audio[full["id"]]
