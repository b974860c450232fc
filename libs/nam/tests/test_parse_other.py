"""Linear and ConvNet files: read as NAM Core reads them, refused where the engine could not
run them exactly, and kept within the cost limits."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest

from gts_nam import (
    ConvNetConfig,
    LinearConfig,
    NamFormatError,
    parse_nam,
    synthesize_convnet,
    synthesize_linear,
)
from gts_nam.layout_other import unpack_convnet, unpack_linear


def _parse(doc: dict[str, Any]) -> Any:
    return parse_nam(json.dumps(doc).encode())


def _refusal(doc: dict[str, Any]) -> str:
    with pytest.raises(NamFormatError) as info:
        _parse(doc)
    return str(info.value)


def _linear(**config: Any) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(synthesize_linear(3, seed=1))
    doc["config"].update(config)
    return doc


def _convnet(**kwargs: Any) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(synthesize_convnet(2, (1, 2), seed=1, **kwargs))
    return doc


def test_a_linear_is_its_taps_then_its_bias() -> None:
    doc = _linear()
    doc["weights"] = [0.5, -0.25, 0.125, 0.0625]
    nam = _parse(doc)
    assert nam.architecture == "Linear"
    assert nam.config == LinearConfig(receptive_field=3, bias=True)
    assert nam.receptive_field == 3
    unpacked = unpack_linear(nam.config, nam.weights)
    assert unpacked.taps.tolist() == [0.5, -0.25, 0.125]
    assert unpacked.bias == 0.0625


def test_a_linear_without_bias_takes_only_the_taps() -> None:
    doc = _linear(bias=False)
    doc["weights"] = [1.0, 2.0, 3.0]
    assert unpack_linear(_parse(doc).config, _parse(doc).weights).bias == 0.0
    doc["weights"] = [1.0, 2.0, 3.0, 4.0]
    assert _refusal(doc) == "weights: 4 values, the config needs 3"


def test_a_convnet_counts_its_weights_as_core_reads_them() -> None:
    # block 0: conv 2x1x2, batch norm 4x2 + eps; block 1: conv 2x2x2, batch norm 9; head 2 + 1
    nam = _parse(_convnet())
    assert isinstance(nam.config, ConvNetConfig)
    assert nam.config.weight_count == (4 + 9) + (8 + 9) + 3
    assert nam.receptive_field == 4
    plain = _parse(_convnet(batchnorm=False))
    assert plain.config.weight_count == (4 + 2) + (8 + 2) + 3


def test_a_convnet_batch_norm_folds_to_a_scale_and_an_offset() -> None:
    doc = _convnet()
    w = doc["weights"]
    # block 0's batch norm: mean, var, weight, bias per channel, then eps
    w[4:13] = [0.5, -1.0, 3.0, 0.0, 2.0, 1.0, 0.25, 0.75, 1.0]
    blocks = unpack_convnet(_parse(doc).config, _parse(doc).weights).blocks
    assert blocks[0].scale is not None
    np.testing.assert_allclose(blocks[0].scale, [2.0 / 2.0, 1.0 / 1.0], rtol=1e-6)
    np.testing.assert_allclose(blocks[0].offset, [0.25 - 1.0 * 0.5, 0.75 + 1.0], rtol=1e-6)
    w[6] = -2.0  # running variance + eps below zero: no finite scale
    assert "running_var[0] + eps is -1, it must be above 0" in _refusal(doc)


def test_convnet_activations_are_names_or_objects() -> None:
    leaky = _parse(_convnet(activation={"type": "LeakyReLU", "negative_slope": 0.2}))
    assert leaky.config.activation.negative_slope == 0.2
    doc = _convnet(activation="Swish")
    assert _refusal(doc).startswith('config.activation: "Swish" is not supported')


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("in_channels", 2, "config.in_channels: 2, only 1 is supported (mono, ungrouped)"),
        ("out_channels", 2, "config.out_channels: 2, only 1 is supported (mono, ungrouped)"),
        ("groups", 2, "config.groups: 2, only 1 is supported (mono, ungrouped)"),
        ("head", {}, "config.head: not an option of this architecture"),
        ("dilations", [], "config.dilations: expected a non-empty list of integers, got a list"),
        ("dilations", [1, 0], "config.dilations[1]: 0 is below the minimum 1"),
        ("channels", 129, "config.channels: 129 is above the maximum 128"),
        ("batchnorm", 1, "config.batchnorm: expected true or false, got a number (1)"),
    ],
)
def test_convnet_refusals_name_the_field(key: str, value: object, message: str) -> None:
    doc = _convnet()
    doc["config"][key] = value
    assert _refusal(doc).startswith(message)


def test_convnet_mono_options_at_1_are_accepted() -> None:
    doc = _convnet()
    doc["config"].update(in_channels=1, out_channels=1, groups=1)
    assert _parse(doc).config.channels == 2


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"in_channels": 2}, "config.in_channels: 2, only 1 is supported"),
        ({"implementation": "fft"}, None),
        ({"implementation": "cuda"}, 'config.implementation: "cuda" is not auto, direct or fft'),
        ({"taps": 3}, "config.taps: not an option of this architecture"),
        ({"receptive_field": 0}, "config.receptive_field: 0 is below the minimum 1"),
        ({"receptive_field": 65_537}, "config.receptive_field: 65,537 is above the maximum 65,536"),
    ],
)
def test_linear_options(config: dict[str, Any], message: str | None) -> None:
    doc = _linear(**config)
    if message is None:
        assert _parse(doc).config.receptive_field == 3
    else:
        assert _refusal(doc).startswith(message)


def test_a_long_linear_at_a_high_rate_is_refused_for_its_compute() -> None:
    doc: dict[str, Any] = json.loads(synthesize_linear(65_536, seed=2))
    assert _parse(doc).receptive_field == 65_536  # 3.1 G multiply-adds a second at 48 kHz
    doc["sample_rate"] = 192_000
    assert _refusal(doc).startswith(
        "config.receptive_field: 65,536 multiply-adds per sample at 192,000 Hz is 12.6 G"
    )


def test_a_convnet_too_deep_is_refused_by_its_receptive_field() -> None:
    doc: dict[str, Any] = json.loads(synthesize_convnet(1, (65_536, 1), batchnorm=False))
    assert _refusal(doc) == (
        "config.dilations: receptive field 65,538 samples, the limit is 65,536"
    )


def test_synthesized_files_are_deterministic_and_valid() -> None:
    assert synthesize_linear(64, seed=3) == synthesize_linear(64, seed=3)
    assert synthesize_convnet(seed=3) != synthesize_convnet(seed=4)
    nam = parse_nam(synthesize_convnet(seed=3, name="Fuzz"))
    assert (nam.architecture, nam.metadata.name) == ("ConvNet", "Fuzz")
    with pytest.raises(TypeError, match="unknown metadata field 'colour'"):
        synthesize_linear(colour="red")


def test_a_convnet_too_costly_to_run_is_refused_before_its_weights_are_read() -> None:
    doc = _convnet()
    doc["config"].update(channels=64, dilations=[1] * 40)
    doc["weights"] = []  # never read: the cost is checked first
    # blocks: 2*64*1 + 39 * 2*64*64, head 64: 319,680 multiply-adds a sample
    assert _refusal(doc).startswith(
        "config.dilations: 319,680 multiply-adds per sample at 48,000 Hz is 15.3 G"
    )
