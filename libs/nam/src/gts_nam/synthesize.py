"""synthesize_nam: valid .nam files with seeded random weights, for stand-ins, tests, benches."""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime
from typing import Any

import numpy as np

from gts_nam.config import LayerArrayConfig, LstmConfig, WaveNetConfig
from gts_nam.layout import (
    LayerArrayWeights,
    LstmLayerWeights,
    LstmWeights,
    WaveNetLayerWeights,
    WaveNetWeights,
)
from gts_nam.metadata import NamMetadata
from gts_nam.presets import LSTM_PRESET, WAVENET_PRESETS

SYNTH_KINDS = (*WAVENET_PRESETS, "lstm")
SYNTH_VERSION = "0.5.4"
_METADATA_FIELDS = frozenset(f.name for f in dataclasses.fields(NamMetadata))
# A fixed date keeps a (kind, seed) pair byte-identical, so its sha256 is stable.
_DEFAULT_DATE = datetime(2025, 1, 1, 12, 0, 0)  # .nam dates are naive

# Scales chosen so a guitar DI at about -20 dBFS RMS comes out as a driven, bounded signal
# (RMS around -20..-10 dBFS, peaks under 1) for every preset and seed.
_MIXIN_SCALE = 4.0
_CONV_GAIN = 1.0
_LAYER_GAIN = 0.5
_HEAD_SCALE = 0.02
# Each of the two arrays' head rechannels gains this much, together undoing head_scale.
_HEAD_GAIN_PER_ARRAY = float(np.sqrt(1.0 / _HEAD_SCALE))
_LSTM_INPUT_GAIN = 6.0


def synthesize_nam(kind: str, seed: int = 0, **metadata: Any) -> bytes:
    """A valid .nam file of `kind` (standard/lite/feather/nano/lstm) with seeded weights.

    `metadata` sets NamMetadata fields (name, modeled_by, gear_make, loudness in dB, ...);
    the same kind, seed and metadata always give the same bytes.
    """
    rng = np.random.default_rng(seed)
    if kind in WAVENET_PRESETS:
        config = WAVENET_PRESETS[kind]
        weights = _wavenet_weights(config, rng).flatten()
        architecture = "WaveNet"
        config_json: dict[str, Any] = _wavenet_config_json(config)
    elif kind == "lstm":
        weights = _lstm_weights(LSTM_PRESET, rng).flatten()
        architecture = "LSTM"
        config_json = dataclasses.asdict(LSTM_PRESET)
    else:
        raise ValueError(f"kind: {kind!r} is not one of {', '.join(SYNTH_KINDS)}")
    meta = _checked_metadata(kind, seed, metadata)
    return nam_document(SYNTH_VERSION, meta, architecture, config_json, weights.tolist())


def synthesize_linear(
    receptive_field: int = 256, *, bias: bool = True, seed: int = 0, **metadata: Any
) -> bytes:
    """A valid `Linear` .nam (an FIR of `receptive_field` taps) with a seeded, decaying IR."""
    rng = np.random.default_rng(seed)
    decay = np.exp(-np.arange(receptive_field) / max(1.0, receptive_field / 8.0))
    taps = rng.standard_normal(receptive_field) * decay
    taps /= max(1e-9, float(np.sqrt(np.sum(taps**2))))
    weights = [*taps.astype(np.float32).tolist()]
    if bias:
        weights.append(float(np.float32(rng.normal(0.0, 0.001))))
    config = {"receptive_field": receptive_field, "bias": bias}
    meta = _checked_metadata("linear", seed, metadata)
    return nam_document(SYNTH_VERSION, meta, "Linear", config, weights)


def synthesize_convnet(
    channels: int = 8,
    dilations: tuple[int, ...] = (1, 2, 4, 8, 16, 32, 64, 128, 256, 512),
    *,
    batchnorm: bool = True,
    activation: str | dict[str, Any] = "Tanh",
    seed: int = 0,
    **metadata: Any,
) -> bytes:
    """A valid `ConvNet` .nam with seeded weights, in NAM Core's order (see layout_other)."""
    rng = np.random.default_rng(seed)
    weights: list[float] = []

    def put(values: np.ndarray) -> None:
        weights.extend(values.astype(np.float32).ravel().tolist())

    for i, _ in enumerate(dilations):
        cin = 1 if i == 0 else channels
        gain = 4.0 if i == 0 else 1.5  # drive the first block like an amp's input stage
        put(rng.standard_normal((channels, cin, 2)) * gain / np.sqrt(2 * cin))
        if batchnorm:
            put(rng.normal(0.0, 0.05, channels))  # running mean
            put(rng.uniform(0.5, 1.5, channels))  # running variance
            put(rng.uniform(0.8, 1.2, channels))  # weight
            put(rng.normal(0.0, 0.05, channels))  # bias
            weights.append(1e-5)  # eps
        else:
            put(rng.normal(0.0, 0.05, channels))
    put(rng.standard_normal(channels) * 0.5 / np.sqrt(channels))
    weights.append(0.0)
    config = {
        "channels": channels,
        "dilations": list(dilations),
        "batchnorm": batchnorm,
        "activation": activation,
    }
    meta = _checked_metadata("convnet", seed, metadata)
    return nam_document(SYNTH_VERSION, meta, "ConvNet", config, weights)


def _checked_metadata(kind: str, seed: int, given: dict[str, Any]) -> dict[str, Any]:
    """`_metadata_json`, refusing a name that is no NamMetadata field."""
    unknown = sorted(set(given) - _METADATA_FIELDS)
    if unknown:
        raise TypeError(f"synthesize: unknown metadata field {unknown[0]!r}")
    return _metadata_json(kind, seed, given)


def nam_document(
    version: str,
    metadata: dict[str, Any],
    architecture: str,
    config: dict[str, Any],
    weights: list[float],
) -> bytes:
    """A .nam file of these parts at 48 kHz, as JSON bytes in the exporter's key order."""
    document = {
        "version": version,
        "metadata": metadata,
        "architecture": architecture,
        "config": config,
        "weights": weights,
        "sample_rate": 48_000,
    }
    return json.dumps(document).encode()


def _wavenet_config_json(config: WaveNetConfig) -> dict[str, Any]:
    layers = [{**dataclasses.asdict(a), "dilations": list(a.dilations)} for a in config.layers]
    return {"layers": layers, "head": None, "head_scale": config.head_scale}


def _normal(rng: np.random.Generator, scale: float, *shape: int) -> np.ndarray:
    return (rng.standard_normal(shape) * scale).astype(np.float32)


def _wavenet_weights(config: WaveNetConfig, rng: np.random.Generator) -> WaveNetWeights:
    return WaveNetWeights(
        arrays=tuple(_array_weights(a, rng) for a in config.layers), head_scale=_HEAD_SCALE
    )


def _array_weights(a: LayerArrayConfig, rng: np.random.Generator) -> LayerArrayWeights:
    c, cz, k = a.channels, a.conv_out, a.kernel_size
    layers = tuple(
        WaveNetLayerWeights(
            conv_w=_normal(rng, _CONV_GAIN / np.sqrt(c * k), cz, c, k),
            conv_b=_normal(rng, 0.03, cz),
            mixin_w=_normal(rng, _MIXIN_SCALE, cz, a.condition_size),
            layer_w=_normal(rng, _LAYER_GAIN / np.sqrt(c), c, c),
            layer_b=_normal(rng, 0.01, c),
        )
        for _ in a.dilations
    )
    # The head sums len(dilations) tanh outputs of each channel: normalise for that sum.
    head_gain = 1.0 / np.sqrt(c * len(a.dilations))
    head_w = _normal(rng, head_gain * _HEAD_GAIN_PER_ARRAY, a.head_size, c)
    head_b = np.zeros(a.head_size, np.float32) if a.head_bias else None
    return LayerArrayWeights(
        rechannel_w=_normal(rng, 1.0, c, a.input_size),
        layers=layers,
        head_w=head_w,
        head_b=head_b,
    )


def _lstm_weights(config: LstmConfig, rng: np.random.Generator) -> LstmWeights:
    h = config.hidden_size
    bound = 1.0 / np.sqrt(h)
    layers = []
    for i in range(config.num_layers):
        inputs = config.input_size if i == 0 else h
        w = rng.uniform(-bound, bound, (4 * h, inputs + h)).astype(np.float32)
        if i == 0:
            w[:, :inputs] *= _LSTM_INPUT_GAIN  # drive the gates hard, like an amp's gain stage
        b = rng.uniform(-0.1, 0.1, 4 * h).astype(np.float32)  # small: little DC offset
        b[h : 2 * h] += 1.0  # forget-gate bias, as trained LSTMs tend to have
        layers.append(
            LstmLayerWeights(w=w, b=b, h0=_normal(rng, 0.01, h), c0=_normal(rng, 0.01, h))
        )
    return LstmWeights(layers=tuple(layers), head_w=_normal(rng, 1.0 / np.sqrt(h), h), head_b=0.0)


def _metadata_json(kind: str, seed: int, given: dict[str, Any]) -> dict[str, Any]:
    date = given.get("date") or _DEFAULT_DATE
    out: dict[str, Any] = {
        "name": f"Synthetic {kind} #{seed}",
        "modeled_by": "GTS synthesizer",
        "gear_type": "amp",
        "gear_make": "GTS",
        "gear_model": f"synthetic-{kind}",
        "tone_type": "crunch",
    }
    out.update({k: v for k, v in given.items() if k != "date"})
    out["date"] = {
        "year": date.year,
        "month": date.month,
        "day": date.day,
        "hour": date.hour,
        "minute": date.minute,
        "second": date.second,
    }
    return out
