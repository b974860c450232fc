"""parse_nam_a2: NAM A2 models (SlimmableContainer, WaveNets with the .nam 0.6/0.7 options)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from gts_nam import NamFormatError
from gts_nam.a2_config import A2WaveNet, SlimmableContainer
from gts_nam.parse_a2 import parse_nam_a2


def _load(shared_fixtures: Path, name: str) -> Any:
    return parse_nam_a2((shared_fixtures / "nam" / f"{name}.nam").read_bytes())


def test_container_reads_both_submodels_with_their_loudness(shared_fixtures: Path) -> None:
    container = _load(shared_fixtures, "a2_container")
    assert isinstance(container, SlimmableContainer)
    small, large = container.submodels
    assert (small.max_value, large.max_value) == (0.5, 1.0)
    assert small.model.weights.shape == (1_871,)
    assert large.model.weights.shape == (12_146,)
    assert small.model.loudness == pytest.approx(-24.0382, abs=1e-4)
    assert large.model.loudness == pytest.approx(-26.3839, abs=1e-4)
    array = large.model.arrays[0]
    assert [layer.kernel_size for layer in array.layers].count(15) == 2
    assert {layer.activation.name for layer in array.layers} == {"LeakyReLU"}
    assert array.head_kernel_size == 16
    # 1 + sum(dilation * (kernel - 1)) + (head kernel - 1)
    assert large.model.receptive_field == 6_347


def test_all_options_wavenet_reads_its_condition_model_and_films(shared_fixtures: Path) -> None:
    model = _load(shared_fixtures, "a2_wavenet_max")
    assert isinstance(model, A2WaveNet)
    assert model.weights.shape == (818,)
    assert model.condition_dsp is not None
    assert model.condition_dsp.weights.shape == (1_052,)
    inner = model.condition_dsp.arrays[1]
    assert [layer.gating_mode for layer in inner.layers] == ["blended", "gated", "gated"]
    assert inner.layers[0].activation.negative_slopes == (0.04, 0.05)
    assert inner.layers[0].secondary.name == "LeakyHardtanh"
    assert inner.layers[0].secondary.max_val == pytest.approx(0.9)
    assert [layer.secondary.name for layer in inner.layers[1:]] == ["ReLU", "Sigmoid"]
    assert len(model.arrays[0].films) == 8
    assert model.receptive_field == 31


def _max_object(shared_fixtures: Path) -> dict[str, Any]:
    text = (shared_fixtures / "nam" / "a2_wavenet_max.nam").read_text()
    top: dict[str, Any] = json.loads(text)
    return top


def _refusal(top: dict[str, Any]) -> str:
    with pytest.raises(NamFormatError) as info:
        parse_nam_a2(json.dumps(top).encode())
    return str(info.value)


def test_weight_count_mismatch_names_the_count(shared_fixtures: Path) -> None:
    top = _max_object(shared_fixtures)
    top["weights"] = top["weights"][:-1]
    assert _refusal(top) == "weights: 817 values, the config needs 818"


def test_unknown_activation_is_refused_with_the_supported_list(shared_fixtures: Path) -> None:
    top = _max_object(shared_fixtures)
    top["config"]["layers"][0]["activation"] = {"type": "Mish"}
    assert _refusal(top).startswith('config.layers[0].activation: "Mish" is not supported')


def test_groups_that_do_not_divide_the_channels_are_refused(shared_fixtures: Path) -> None:
    top = _max_object(shared_fixtures)
    top["config"]["layers"][0]["groups_input"] = 3
    assert "groups_input: 3 groups do not divide" in _refusal(top)


def test_prelu_slopes_must_match_the_bottleneck(shared_fixtures: Path) -> None:
    top = _max_object(shared_fixtures)
    layer = top["config"]["condition_dsp"]["config"]["layers"][1]
    layer["activation"][0]["negative_slopes"] = [0.1, 0.2, 0.3]
    assert "PReLU needs 2 negative_slopes" in _refusal(top)


def test_slimmable_arrays_with_grouped_convolutions_are_refused(shared_fixtures: Path) -> None:
    top = _max_object(shared_fixtures)
    top["config"]["layers"][0]["slimmable"] = {"method": "slice_channels_uniform"}
    assert _refusal(top) == "config.layers[0].groups_input_mixin: 4, a slimmable WaveNet needs 1"


def test_container_max_values_must_increase(shared_fixtures: Path) -> None:
    top = json.loads((shared_fixtures / "nam" / "a2_container.nam").read_text())
    subs = top["config"]["submodels"]
    subs.append(copy.deepcopy(subs[0]))
    assert "max_value: 0.5, must increase" in _refusal(top)
