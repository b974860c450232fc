"""Slimmable A2 WaveNets: parsing, refusals, slim value to channels, and the sliced weights."""

from __future__ import annotations

import itertools
import json
import math
from typing import Any

import numpy as np
import pytest

from gts_nam import NamFormatError, parse_nam
from gts_nam.a2_config import A2Config
from gts_nam.slimmable_wavenet import SlimmableWaveNet
from gts_nam.submodels import submodels
from gts_nam.synthesize import synthesize_nam
from gts_nam.synthesize_slimmable import (
    slimmable_wavenet_config,
    synthesize_slimmable_wavenet,
)


def _slimmable(data: bytes) -> SlimmableWaveNet:
    config = parse_nam(data).config
    assert isinstance(config, A2Config)
    assert isinstance(config.model, SlimmableWaveNet)
    return config.model


def _refusal(config: dict[str, Any], architecture: str = "WaveNet") -> str:
    with pytest.raises(NamFormatError) as info:
        parse_nam(synthesize_slimmable_wavenet(0, config=config, architecture=architecture))
    return str(info.value)


def test_slimmable_arrays_are_read_with_their_allowed_channels() -> None:
    nam = parse_nam(synthesize_slimmable_wavenet(0))
    model = _slimmable(synthesize_slimmable_wavenet(0))
    assert (nam.architecture, nam.is_a2) == ("WaveNet", True)
    # the second array has no allowed_channels: 1..channels
    assert model.allowed == ((2, 4, 6), (1, 2, 3, 4))
    assert nam.weights.size == model.full.weights.size == 823
    assert [a.channels for a in model.full.arrays] == [6, 4]


def test_slimmable_wavenet_architecture_with_a_wrapped_config_reads_the_same_model() -> None:
    plain = _slimmable(synthesize_slimmable_wavenet(3))
    wrapped = parse_nam(synthesize_slimmable_wavenet(3, architecture="SlimmableWaveNet"))
    assert wrapped.architecture == "SlimmableWaveNet"
    assert isinstance(wrapped.config, A2Config)
    assert isinstance(wrapped.config.model, SlimmableWaveNet)
    assert wrapped.config.model.allowed == plain.allowed
    np.testing.assert_array_equal(wrapped.weights, plain.full.weights)


def _config(**changes: Any) -> dict[str, Any]:
    config = slimmable_wavenet_config()
    for where, value in changes.items():
        index, key = where.split("__")
        config["layers"][int(index[1:])][key] = value
    return config


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (
            _config(a0__slimmable={"method": "slice_random"}),
            'config.layers[0].slimmable.method: "slice_random" is not supported',
        ),
        (
            _config(
                a0__slimmable={
                    "method": "slice_channels_uniform",
                    "kwargs": {"allowed_channels": [4, 2, 6]},
                }
            ),
            "allowed_channels: [4, 2, 6] is not strictly ascending",
        ),
        (
            _config(
                a0__slimmable={
                    "method": "slice_channels_uniform",
                    "kwargs": {"allowed_channels": [2, 4]},
                }
            ),
            "layers[0].slimmable.kwargs.allowed_channels: ends at 4, the array has 6 channels",
        ),
        (
            _config(
                a0__slimmable={
                    "method": "slice_channels_uniform",
                    "kwargs": {"allowed_channels": [0, 6]},
                }
            ),
            "config.layers[0].slimmable.kwargs.allowed_channels[0]",
        ),
        (
            _config(a1__head={"out_channels": 1, "kernel_size": 2, "bias": False}),
            "config.layers[1].head.kernel_size: 2, a slimmable WaveNet needs 1",
        ),
        (
            _config(a1__groups_input=2),
            "config.layers[1].groups_input: 2, a slimmable WaveNet needs 1",
        ),
        (
            _config(a1__layer1x1={"active": True, "groups": 2}),
            "config.layers[1].layer1x1.groups: 2, a slimmable WaveNet needs 1",
        ),
        (
            _config(a1__slimmable={"kwargs": {}}),
            'layers[1].slimmable.method: missing, the supported one is "slice_channels_uniform"',
        ),
        (
            _config(
                a0__activation=["Tanh", {"type": "PReLU", "negative_slopes": [1, 2, 3]}, "Tanh"]
            ),
            "config.layers[0].activation[1]: a PReLU with per-channel negative_slopes cannot be",
        ),
        (
            # a head1x1 of fixed width cannot feed a head accumulator that slims
            _config(a1__head1x1={"active": True, "out_channels": 4, "groups": 1}),
            "config.layers: at [2, 1] channels per array (slim up to 0.25) the arrays do not chain",
        ),
    ],
)
def test_what_nam_core_cannot_slim_is_refused_naming_the_field(
    config: dict[str, Any], message: str
) -> None:
    assert message in _refusal(config)


def test_a_post_stack_head_is_refused() -> None:
    config = slimmable_wavenet_config()
    config["head"] = {"channels": 2, "out_channels": 1, "kernel_sizes": [1], "activation": "Tanh"}
    assert _refusal(config) == "config.head: a slimmable WaveNet cannot have a post-stack head"


def test_a_slimmable_wavenet_without_a_slimmable_array_is_refused() -> None:
    config = slimmable_wavenet_config()
    for layer in config["layers"]:
        del layer["slimmable"]
    assert _refusal(config, "SlimmableWaveNet") == (
        "config.model.layers: a SlimmableWaveNet needs a slimmable array"
    )


def test_a_slimmable_object_without_a_method_alone_is_a_plain_wavenet() -> None:
    config = slimmable_wavenet_config()
    for layer in config["layers"]:
        layer["slimmable"] = {"kwargs": {"allowed_channels": [1]}}
    nam = parse_nam(synthesize_slimmable_wavenet(0, config=config))
    assert isinstance(nam.config, A2Config)
    assert not isinstance(nam.config.model, SlimmableWaveNet)
    with pytest.raises(NamFormatError, match="slim: the model is not slimmable"):
        nam.with_slim(0.5)


def test_a_slimmable_wavenet_inside_a_container_is_refused() -> None:
    inner = json.loads(synthesize_slimmable_wavenet(0))
    document = {
        "version": "0.7.0",
        "architecture": "SlimmableContainer",
        "config": {"submodels": [{"max_value": 1.0, "model": inner}]},
        "weights": [],
        "sample_rate": 48_000,
    }
    with pytest.raises(NamFormatError, match="a slimmable WaveNet inside a model is not supported"):
        parse_nam(json.dumps(document).encode())


# slim value -> (channels of array 0 from 2/4/6, of array 1 from 1/2/3/4)
@pytest.mark.parametrize(
    ("slim", "channels"),
    [
        (0.0, (2, 1)),
        (math.nextafter(0.25, 0.0), (2, 1)),
        (0.25, (2, 2)),
        (math.nextafter(1 / 3, 0.0), (2, 2)),
        (1 / 3, (4, 2)),
        (0.4, (4, 2)),
        (0.5, (4, 3)),
        (2 / 3, (6, 3)),
        (math.nextafter(0.75, 0.0), (6, 3)),
        (0.75, (6, 4)),
        (1.0, (6, 4)),
        (None, (6, 4)),
    ],
)
def test_a_slim_value_picks_each_arrays_channels_at_the_breakpoints(
    slim: float | None, channels: tuple[int, ...]
) -> None:
    model = _slimmable(synthesize_slimmable_wavenet(0))
    assert model.channels(slim) == channels
    assert [a.channels for a in model.select(slim).arrays] == list(channels)


def test_breakpoints_are_every_arrays_fractions_sorted_once() -> None:
    model = _slimmable(synthesize_slimmable_wavenet(0))
    assert model.breakpoints == (0.25, 1 / 3, 0.5, 2 / 3, 0.75)


def test_index_is_floor_of_slim_times_count_in_double_precision() -> None:
    config = _config(a0__slimmable={"method": "slice_channels_uniform"})
    config["layers"][1]["slimmable"] = {
        "method": "slice_channels_uniform",
        "kwargs": {"allowed_channels": [4]},
    }
    model = _slimmable(synthesize_slimmable_wavenet(0, config=config))
    assert model.allowed == ((1, 2, 3, 4, 5, 6), (4,))
    # 1/6 * 6 rounds to 1.0 exactly; NAM Core and this reader both floor the double product
    assert model.channels(1 / 6) == (2, 4)
    assert model.channels(math.nextafter(1 / 6, 0.0)) == (1, 4)


def test_each_configuration_lists_the_largest_slim_value_that_selects_it() -> None:
    model = _slimmable(synthesize_slimmable_wavenet(0))
    found = model.configurations()
    assert [c.channels for c in found] == [(2, 1), (2, 2), (4, 2), (4, 3), (6, 3), (6, 4)]
    assert found[-1].max_value == 1.0
    for c, after in itertools.pairwise(found):
        assert model.channels(c.max_value) == c.channels
        assert model.channels(math.nextafter(c.max_value, 1.0)) == after.channels


def test_submodels_list_each_configuration_with_its_size_and_only_the_full_loudness() -> None:
    nam = parse_nam(synthesize_slimmable_wavenet(0, loudness=-18.5))
    listed = submodels(nam)
    assert listed is not None
    assert [s.parameters for s in listed] == [193, 243, 427, 491, 745, 823]
    assert [s.loudness for s in listed] == [None] * 5 + [-18.5]
    macs = [s.macs_per_second for s in listed]
    assert macs == sorted(macs)
    assert len(set(macs)) == 6
    assert submodels(parse_nam(synthesize_nam("standard", seed=0))) is None


def test_with_slim_runs_the_reduced_wavenet_and_keeps_the_file_hash() -> None:
    nam = parse_nam(synthesize_slimmable_wavenet(0))
    small = nam.with_slim(0.3)
    assert small.sha256 == nam.sha256
    assert small.weights.size == 243
    assert isinstance(small.config, A2Config)
    assert small.config.selected.weights is small.weights
    assert nam.with_slim(1.0).weights is nam.weights
    with pytest.raises(NamFormatError, match=r"slim: 1\.5 is outside 0\.\.1"):
        nam.with_slim(1.5)
