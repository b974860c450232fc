"""An A2 container capture at two slim values renders two different chains through the
services; the library lists its submodels, and slim on a plain capture is refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gts_cli.client import GtsClient, GtsError
from gts_cli.flow import make_chain_of
from gts_nam import synthesize_nam
from tone3000_sandbox.library.ir import synthesize_ir

from .rendering import render_chains, upload_gear

pytestmark = pytest.mark.e2e


def _blocks(amp: Any, cab: Any, slim: float | None) -> list[dict[str, Any]]:
    first: dict[str, Any] = {"type": "gear", "gear_id": amp["id"]}
    if slim is not None:
        first["slim"] = slim
    return [first, {"type": "gear", "gear_id": cab["id"]}]


def test_slim_zero_and_the_largest_submodel_render_differently(
    carol: GtsClient, shared_fixtures: Path
) -> None:
    a2 = upload_gear(carol, "a2.nam", (shared_fixtures / "nam" / "a2_container.nam").read_bytes())
    assert [s["max_value"] for s in a2["submodels"]] == [0.5, 1.0]
    assert all(s["parameters"] > 0 and s["loudness"] is not None for s in a2["submodels"])
    cab = upload_gear(carol, "cab.wav", synthesize_ir(161))
    plain = upload_gear(carol, "plain.nam", synthesize_nam("nano", seed=162))

    lite = make_chain_of(carol, "A2 lite", [a2, cab], blocks=_blocks(a2, cab, 0.0))
    assert (lite["blocks"][0]["slim"], lite["blocks"][0]["submodel_max_values"]) == (0, [0.5, 1])
    full = make_chain_of(carol, "A2 full", [a2, cab], blocks=_blocks(a2, cab, None))
    assert full["blocks"][0]["slim"] is None
    with pytest.raises(GtsError) as refused:
        make_chain_of(carol, "Plain slim", [plain, cab], blocks=_blocks(plain, cab, 0.0))
    assert refused.value.response.status_code == 422
    fields = [e["field"] for e in refused.value.response.json()["errors"]]
    assert fields == ["blocks[0].slim"]

    audio = render_chains(carol, "Slim or full", [lite["id"], full["id"]], di_seed=163)
    # the same file at two slim values: two submodels, two sounds
    assert audio[lite["id"]] != audio[full["id"]]
