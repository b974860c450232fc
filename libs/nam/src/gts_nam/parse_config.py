"""Validation of the `config` object of the supported architectures."""

from __future__ import annotations

from typing import Any

from gts_nam.config import SUPPORTED_ACTIVATIONS, LayerArrayConfig, LstmConfig, WaveNetConfig
from gts_nam.cost import (
    MAX_CHANNELS,
    MAX_KERNEL_SIZE,
    MAX_LAYER_ARRAYS,
    MAX_LAYERS_PER_ARRAY,
    MAX_LSTM_HIDDEN,
    MAX_LSTM_LAYERS,
)
from gts_nam.errors import NamFormatError
from gts_nam.fields import (
    as_bool,
    as_dilations,
    as_float,
    as_int,
    as_object,
    as_str,
    describe,
    require,
)

# Keys only NAM "A2" WaveNet configs carry (per-layer kernel sizes, gating modes, FiLM...).
_A2_LAYER_KEYS = frozenset({"kernel_sizes", "gating_mode", "bottleneck", "groups", "film"})


def parse_wavenet_config(raw: object) -> WaveNetConfig:
    """Validate a WaveNet A1 config: field types, supported options and how arrays chain."""
    config = as_object(raw, "config")
    layers_raw = require(config, "layers", "config.")
    if not isinstance(layers_raw, list):
        raise NamFormatError(f"config.layers: expected a list, got {describe(layers_raw)}")
    if not layers_raw:
        raise NamFormatError("config.layers: empty, a WaveNet needs at least one layer array")
    if len(layers_raw) > MAX_LAYER_ARRAYS:
        raise NamFormatError(
            f"config.layers: {len(layers_raw)} layer arrays, the maximum is {MAX_LAYER_ARRAYS}"
        )
    head = config.get("head")
    if head is not None:
        raise NamFormatError(
            "config.head: a WaveNet head module is not supported yet (NAM A1 files have null)"
        )
    head_scale = as_float(require(config, "head_scale", "config."), "config.head_scale")
    arrays = tuple(_parse_layer_array(raw_array, i) for i, raw_array in enumerate(layers_raw))
    _check_chaining(arrays)
    # what the whole model costs (receptive field, layers, compute) is gts_nam.cost's rule
    return WaveNetConfig(layers=arrays, head_scale=head_scale)


def _parse_layer_array(raw: object, index: int) -> LayerArrayConfig:
    path = f"config.layers[{index}]."
    obj = as_object(raw, path[:-1])
    a2_keys = sorted(_A2_LAYER_KEYS & obj.keys())
    if a2_keys:
        raise NamFormatError(
            f"{path}{a2_keys[0]}: a NAM A2 WaveNet option, not supported yet (A1 files only)"
        )
    dilations = as_dilations(
        require(obj, "dilations", path),
        f"{path}dilations",
        most=MAX_LAYERS_PER_ARRAY,
        unit="layers",
    )
    activation = as_str(require(obj, "activation", path), f"{path}activation")
    if activation not in SUPPORTED_ACTIVATIONS:
        raise NamFormatError(
            f'{path}activation: "{activation}" is not supported '
            f"(supported: {', '.join(sorted(SUPPORTED_ACTIVATIONS))})"
        )
    return LayerArrayConfig(
        input_size=_int_field(obj, "input_size", path),
        condition_size=_int_field(obj, "condition_size", path),
        head_size=_int_field(obj, "head_size", path),
        channels=_int_field(obj, "channels", path),
        kernel_size=_int_field(obj, "kernel_size", path, maximum=MAX_KERNEL_SIZE),
        dilations=dilations,
        activation=activation,
        gated=as_bool(require(obj, "gated", path), f"{path}gated"),
        head_bias=as_bool(require(obj, "head_bias", path), f"{path}head_bias"),
    )


def _int_field(obj: dict[str, Any], key: str, path: str, maximum: int = MAX_CHANNELS) -> int:
    return as_int(require(obj, key, path), f"{path}{key}", maximum=maximum)


def _check_chaining(arrays: tuple[LayerArrayConfig, ...]) -> None:
    """The shapes that let one array feed the next, mono in and mono out."""
    if arrays[0].input_size != 1:
        raise NamFormatError(
            f"config.layers[0].input_size: {arrays[0].input_size}, a mono amp model needs 1"
        )
    for i, array in enumerate(arrays):
        if array.condition_size != 1:
            raise NamFormatError(
                f"config.layers[{i}].condition_size: {array.condition_size}, "
                "the condition is the mono input, so 1"
            )
        if i == 0:
            continue
        previous = arrays[i - 1]
        if array.input_size != previous.channels:
            raise NamFormatError(
                f"config.layers[{i}].input_size: {array.input_size}, the previous array "
                f"has {previous.channels} channels"
            )
        if array.channels != previous.head_size:
            raise NamFormatError(
                f"config.layers[{i}].channels: {array.channels}, the previous array's "
                f"head_size is {previous.head_size} and they must match"
            )
    if arrays[-1].head_size != 1:
        raise NamFormatError(
            f"config.layers[{len(arrays) - 1}].head_size: {arrays[-1].head_size}, "
            "the last array must output 1 channel"
        )


def parse_lstm_config(raw: object) -> LstmConfig:
    """Validate an LSTM config: a mono input, a hidden size and a layer count."""
    config = as_object(raw, "config")
    input_size = as_int(require(config, "input_size", "config."), "config.input_size")
    if input_size != 1:
        raise NamFormatError(f"config.input_size: {input_size}, a mono amp model needs 1")
    return LstmConfig(
        input_size=input_size,
        hidden_size=as_int(
            require(config, "hidden_size", "config."),
            "config.hidden_size",
            maximum=MAX_LSTM_HIDDEN,
        ),
        num_layers=as_int(
            require(config, "num_layers", "config."),
            "config.num_layers",
            maximum=MAX_LSTM_LAYERS,
        ),
    )
