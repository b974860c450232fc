"""Well-formed models that ask for absurd work are refused, naming the field and the limit."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from gts_nam import SYNTH_KINDS, LayerArrayConfig, NamFormatError, parse_nam, synthesize_nam
from gts_nam.config import LstmConfig, WaveNetConfig
from gts_nam.cost import (
    MAX_MULTIPLY_ADDS_PER_SECOND,
    MAX_RECEPTIVE_FIELD,
    check_cost,
    model_cost,
)


def _array(**given: Any) -> dict[str, Any]:
    return {
        "input_size": 1,
        "condition_size": 1,
        "head_size": 1,
        "channels": 1,
        "kernel_size": 3,
        "dilations": [1],
        "activation": "Tanh",
        "gated": False,
        "head_bias": True,
        **given,
    }


def _wavenet(*arrays: dict[str, Any], sample_rate: int = 48_000) -> bytes:
    """A WaveNet .nam with exactly the weight count its config needs (all zeros, cheap)."""
    config = WaveNetConfig(
        layers=tuple(LayerArrayConfig(**{**a, "dilations": tuple(a["dilations"])}) for a in arrays),
        head_scale=0.02,
    )
    doc = {
        "version": "0.5.4",
        "architecture": "WaveNet",
        "config": {"layers": list(arrays), "head": None, "head_scale": 0.02},
        "weights": [0] * config.weight_count,
        "sample_rate": sample_rate,
    }
    return json.dumps(doc).encode()


def _lstm(hidden: int, layers: int = 1) -> bytes:
    config = LstmConfig(input_size=1, hidden_size=hidden, num_layers=layers)
    doc = {
        "version": "0.5.4",
        "architecture": "LSTM",
        "config": {"input_size": 1, "hidden_size": hidden, "num_layers": layers},
        "weights": [0] * config.weight_count,
    }
    return json.dumps(doc).encode()


def _refusal(data: bytes) -> str:
    with pytest.raises(NamFormatError) as info:
        parse_nam(data)
    return str(info.value)


def test_the_73kb_hostile_wavenet_is_refused_for_its_receptive_field() -> None:
    data = _wavenet(_array(kernel_size=64, dilations=[65_536] * 128))
    assert _refusal(data) == (
        "config.layers[0].dilations: receptive field 528,482,305 samples, "
        f"the limit is {MAX_RECEPTIVE_FIELD:,}"
    )


def test_a_receptive_field_of_millions_is_refused() -> None:
    # 8,257,537 samples: under the old 2**24 cap, two minutes of history at 48 kHz
    data = _wavenet(_array(kernel_size=64, dilations=[65_536, 65_536]))
    assert _refusal(data).startswith("config.layers[0].dilations: receptive field 8,257,537 ")


def test_the_array_that_passes_the_receptive_field_is_named() -> None:
    first = _array(head_size=1, dilations=[1, 2, 4])
    second = _array(kernel_size=64, dilations=[1024, 1024])
    assert _refusal(_wavenet(first, second)).startswith("config.layers[1].dilations: ")


def test_too_many_channels_are_refused() -> None:
    data = _wavenet(_array(channels=200))
    assert _refusal(data) == "config.layers[0].channels: 200 is above the maximum 128"


def test_too_many_layers_in_all_are_refused() -> None:
    arrays = [_array(kernel_size=1, dilations=[1] * 128) for _ in range(3)]
    assert _refusal(_wavenet(*arrays)) == "config.layers: 384 layers in all, the limit is 256"


def test_too_much_compute_per_second_is_refused() -> None:
    data = _wavenet(_array(channels=128, gated=True, dilations=[1, 2]))
    assert _refusal(data) == (
        "config.layers: 230,144 multiply-adds per sample at 48,000 Hz is 11.0 G per second "
        "of audio, the limit is 10 G"
    )


def test_the_model_rate_counts_in_the_compute() -> None:
    # 13,320 multiply-adds per sample is the standard WaveNet: fine at 48 kHz and 384 kHz
    standard = json.loads(synthesize_nam("standard"))
    standard["sample_rate"] = 384_000
    parse_nam(json.dumps(standard).encode())
    # 100,000 per sample is fine at 48 kHz, not at 192 kHz
    wide = _array(channels=64, dilations=[1, 2, 4, 8])
    assert model_cost(parse_nam(_wavenet(wide)).config).multiply_adds_per_sample < 200_000
    assert "multiply-adds per sample at 192,000 Hz" in _refusal(_wavenet(wide, sample_rate=192_000))


def test_a_huge_lstm_is_refused() -> None:
    assert _refusal(_lstm(400)) == (
        "config.hidden_size: 642,000 multiply-adds per sample at 48,000 Hz is 30.8 G per "
        "second of audio, the limit is 10 G"
    )


def test_check_cost_refuses_a_config_built_in_code() -> None:
    config = LstmConfig(input_size=1, hidden_size=1024, num_layers=1)
    with pytest.raises(NamFormatError, match=r"^config.hidden_size: 1024, the limit is 512$"):
        check_cost(config, 48_000)


@pytest.mark.parametrize("kind", sorted(SYNTH_KINDS))
def test_every_synthesized_model_is_within_the_limits(kind: str) -> None:
    nam = parse_nam(synthesize_nam(kind))
    check_cost(nam.config, nam.sample_rate)


def test_every_real_fixture_is_within_the_limits(shared_fixtures: Path) -> None:
    files = sorted((shared_fixtures / "nam").glob("*.nam"))
    a1 = [p for p in files if not p.name.startswith("a2_")]
    assert len(a1) >= 4
    for path in a1:
        nam = parse_nam(path.read_bytes())
        print(path.name, check_cost(nam.config, nam.sample_rate))


@pytest.mark.parametrize("name", ["a2_wavenet_max.nam", "a2_condition_dsp.nam", "a2_container.nam"])
def test_a2_fixtures_are_within_the_cost_limits(shared_fixtures: Path, name: str) -> None:
    nam = parse_nam((shared_fixtures / "nam" / name).read_bytes())
    cost = model_cost(nam.config)
    assert cost.receptive_field == nam.receptive_field
    assert 0 < cost.multiply_adds_per_sample * nam.sample_rate < MAX_MULTIPLY_ADDS_PER_SECOND


def test_a2_container_costs_the_submodel_its_slim_value_selects(shared_fixtures: Path) -> None:
    nam = parse_nam((shared_fixtures / "nam" / "a2_container.nam").read_bytes())
    full = model_cost(nam.config)
    lite = model_cost(nam.with_slim(0.0).config)
    assert (full.max_channels, lite.max_channels) == (8, 3)
    assert full.layers == lite.layers == 23
    assert lite.multiply_adds_per_sample < full.multiply_adds_per_sample / 4
