"""A slimmable A2 WaveNet runs as the plain WaveNet its slim value describes.

Self-consistency: at slim 1.0 it is the WaveNet without its slimmable keys; at each smaller
configuration it is the smaller WaveNet written out by hand with the sliced weights.
"""

from __future__ import annotations

import copy
from typing import Any

import numpy as np
import pytest

from gts_engine.nam import load_model
from gts_engine.nam.amp_stage import run_amp
from gts_engine.nam.cache import model_key
from gts_nam import NamFile, parse_nam
from gts_nam.a2_config import A2Config
from gts_nam.slimmable_wavenet import SlimmableWaveNet
from gts_nam.synthesize_slimmable import (
    a2_wavenet_document,
    slimmable_wavenet_config,
    synthesize_slimmable_wavenet,
)

from .conftest import SignalMaker

SEED = 5


def _without_slimmable(config: dict[str, Any]) -> dict[str, Any]:
    plain = copy.deepcopy(config)
    for layer in plain["layers"]:
        layer.pop("slimmable", None)
    return plain


def _small_config(config: dict[str, Any], channels: tuple[int, ...]) -> dict[str, Any]:
    """The WaveNet at `channels` per array, written out from the slimming rules."""
    small = _without_slimmable(config)
    layers = small["layers"]
    for i, (layer, c) in enumerate(zip(layers, channels, strict=True)):
        full = layer["channels"]
        bottleneck = layer.get("bottleneck", full)
        slim_bottleneck = max(1, bottleneck * c // full)
        layer["channels"] = c
        if "bottleneck" in layer:
            layer["bottleneck"] = slim_bottleneck
        if i > 0:
            layer["input_size"] = channels[i - 1]
        if i + 1 < len(layers):
            layer["head"]["out_channels"] = channels[i + 1]
    return small


def _slimmable(nam: NamFile) -> SlimmableWaveNet:
    assert isinstance(nam.config, A2Config)
    assert isinstance(nam.config.model, SlimmableWaveNet)
    return nam.config.model


@pytest.fixture(scope="module")
def slimmable_nam() -> NamFile:
    return parse_nam(synthesize_slimmable_wavenet(SEED))


def test_slim_one_runs_exactly_the_wavenet_without_slimmable_keys(
    slimmable_nam: NamFile, guitar: SignalMaker
) -> None:
    x = guitar(0.5, 48_000)
    plain = parse_nam(
        a2_wavenet_document(_without_slimmable(slimmable_wavenet_config()), slimmable_nam.weights)
    )
    assert isinstance(plain.config, A2Config)
    assert not isinstance(plain.config.model, SlimmableWaveNet)
    expected = load_model(plain).process(x)
    assert float(np.std(expected)) > 0.01  # the model answers its input
    for nam in (slimmable_nam, slimmable_nam.with_slim(1.0)):
        np.testing.assert_array_equal(load_model(nam).process(x), expected)


@pytest.mark.parametrize("index", range(5))
def test_a_slimmed_model_runs_exactly_the_smaller_wavenet_built_directly(
    slimmable_nam: NamFile, guitar: SignalMaker, index: int
) -> None:
    model = _slimmable(slimmable_nam)
    configuration = model.configurations()[index]
    slimmed = slimmable_nam.with_slim(configuration.max_value)
    direct = parse_nam(
        a2_wavenet_document(
            _small_config(slimmable_wavenet_config(), configuration.channels), slimmed.weights
        )
    )
    x = guitar(0.5, 48_000)
    expected = load_model(direct).process(x)
    assert float(np.std(expected)) > 0.001
    np.testing.assert_array_equal(load_model(slimmed).process(x), expected)
    # and the configurations differ: slimming changes the sound
    full = load_model(slimmable_nam).process(x)
    assert float(np.abs(full - expected).max()) > 1e-3


def test_run_amp_renders_the_slimmed_model(slimmable_nam: NamFile, guitar: SignalMaker) -> None:
    x = guitar(0.3, 44_100)
    small = slimmable_nam.with_slim(0.0)
    y = run_amp(small, x, 44_100, workers=1)
    assert y.shape == x.shape
    assert y.dtype == np.float32
    assert np.isfinite(y).all()
    assert float(np.abs(y - run_amp(slimmable_nam, x, 44_100, workers=1)).max()) > 1e-3


def test_the_cache_keys_each_channel_configuration_apart(slimmable_nam: NamFile) -> None:
    keys = {
        model_key(slimmable_nam.with_slim(c.max_value))
        for c in _slimmable(slimmable_nam).configurations()
    }
    assert len(keys) == 6
    assert model_key(slimmable_nam) == model_key(slimmable_nam.with_slim(1.0))
    assert model_key(slimmable_nam.with_slim(0.0)) == f"{slimmable_nam.sha256}-channels2-1"
