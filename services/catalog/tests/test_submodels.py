"""An A2 SlimmableContainer's submodels: listed with size and loudness, stored, announced."""

from __future__ import annotations

from pathlib import Path

import pytest

from gts_contracts import GearAddedV1, decode, spec_for
from gts_nam import synthesize_nam, synthesize_slimmable_wavenet

from .conftest import ALICE, Api
from .test_events import collect


async def test_a2_container_lists_its_two_submodels_with_size_and_loudness(
    api: Api, nats_url: str, shared_fixtures: Path
) -> None:
    data = (shared_fixtures / "nam" / "a2_container.nam").read_bytes()
    answer = await api.upload(ALICE, "a2_container.nam", data)
    assert answer.status_code == 201, answer.text
    subs = answer.json()["submodels"]
    # the fixture: WaveNets of 3 and 8 channels, thresholds 0.5 and 1.0, each with its loudness
    assert [s["max_value"] for s in subs] == [0.5, 1.0]
    assert [s["parameters"] for s in subs] == [1871, 12146]
    assert [s["macs_per_second"] for s in subs] == [83_088_000, 565_248_000]
    assert [s["loudness"] for s in subs] == [
        pytest.approx(-24.0382, abs=1e-4),
        pytest.approx(-26.3839, abs=1e-4),
    ]
    # the container's own metadata loudness is its largest submodel's
    assert answer.json()["metadata"]["loudness"] == pytest.approx(subs[-1]["loudness"])

    stored = (await api.request(ALICE, "GET", f"/api/v1/gear/{answer.json()['id']}")).json()
    assert stored["submodels"] == subs
    listed = (await api.request(ALICE, "GET", "/api/v1/gear")).json()["items"]
    assert listed[0]["submodels"] == subs

    (raw,) = await collect(nats_url, spec_for(GearAddedV1).subject, 1)
    added = decode(raw, GearAddedV1)
    assert added.submodels is not None
    assert [(s.max_value, s.parameters) for s in added.submodels] == [(0.5, 1871), (1.0, 12146)]


async def test_other_captures_have_no_submodels(api: Api, shared_fixtures: Path) -> None:
    a1 = await api.upload(ALICE, "nano.nam", synthesize_nam("nano", seed=3))
    a2 = await api.upload(
        ALICE, "max.nam", (shared_fixtures / "nam" / "a2_wavenet_max.nam").read_bytes()
    )
    assert (a1.json()["submodels"], a2.json()["submodels"]) == (None, None)


async def test_slimmable_wavenet_lists_each_channel_configuration(api: Api) -> None:
    data = synthesize_slimmable_wavenet(2, loudness=-21.5)
    answer = await api.upload(ALICE, "slimmable.nam", data)
    assert answer.status_code == 201, answer.text
    subs = answer.json()["submodels"]
    # 2/4/6 and 1..4 channels: six configurations, each up to the last slim value picking it
    assert [s["parameters"] for s in subs] == [193, 243, 427, 491, 745, 823]
    assert [s["max_value"] for s in subs][-1] == 1.0
    assert [s["max_value"] for s in subs][:-1] == pytest.approx([0.25, 1 / 3, 0.5, 2 / 3, 0.75])
    # only the full model's loudness is known: the file's
    assert [s["loudness"] for s in subs] == [None] * 5 + [-21.5]
