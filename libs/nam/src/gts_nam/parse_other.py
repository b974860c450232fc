"""Validation of the `config` of NAM's `Linear` and `ConvNet` architectures.

As NAM Core reads them (NAM/linear.cpp, NAM/convnet.cpp): `Linear` has `receptive_field`
and `bias`; `ConvNet` has `channels`, `dilations`, `batchnorm` and `activation` (a name,
or an object as A2 files write activations). Newer readers also take `in_channels`,
`out_channels` (and `groups` for a ConvNet), defaulting to 1: a mono amp model keeps
them at 1. Any other key is refused, so nothing the engine would ignore slips through.
"""

from __future__ import annotations

from typing import Any

from gts_nam.config import ConvNetConfig, LinearConfig
from gts_nam.cost import MAX_CHANNELS, MAX_RECEPTIVE_FIELD, MAX_TOTAL_LAYERS
from gts_nam.errors import NamFormatError
from gts_nam.fields import as_bool, as_dilations, as_int, as_object, as_str, require
from gts_nam.parse_a2_activation import parse_activation

# Linear implementations NAM Core can be asked for: all compute the same convolution.
_LINEAR_IMPLEMENTATIONS = frozenset(
    {"auto", "direct", "legacy", "old", "fft", "partitioned_fft", "partitioned-fft"}
)
_LINEAR_KEYS = frozenset(
    {"receptive_field", "bias", "in_channels", "out_channels", "implementation"}
)
_CONVNET_KEYS = frozenset(
    {"channels", "dilations", "batchnorm", "activation", "in_channels", "out_channels", "groups"}
)
_MONO_KEYS = ("in_channels", "out_channels")


def parse_linear_config(raw: object) -> LinearConfig:
    """Validate a Linear config: an FIR of `receptive_field` taps and an optional bias."""
    config = as_object(raw, "config")
    _refuse_unknown(config, _LINEAR_KEYS)
    _require_mono(config, _MONO_KEYS)
    implementation = config.get("implementation")
    if implementation is not None:
        text = as_str(implementation, "config.implementation")
        if text.lower() not in _LINEAR_IMPLEMENTATIONS:
            raise NamFormatError(f'config.implementation: "{text}" is not auto, direct or fft')
    return LinearConfig(
        receptive_field=as_int(
            require(config, "receptive_field", "config."),
            "config.receptive_field",
            maximum=MAX_RECEPTIVE_FIELD,
        ),
        bias=as_bool(require(config, "bias", "config."), "config.bias"),
    )


def parse_convnet_config(raw: object) -> ConvNetConfig:
    """Validate a ConvNet config: channels, dilated kernel-2 blocks, batch norm, activation."""
    config = as_object(raw, "config")
    _refuse_unknown(config, _CONVNET_KEYS)
    _require_mono(config, (*_MONO_KEYS, "groups"))
    channels = as_int(
        require(config, "channels", "config."), "config.channels", maximum=MAX_CHANNELS
    )
    dilations = as_dilations(
        require(config, "dilations", "config."),
        "config.dilations",
        most=MAX_TOTAL_LAYERS,
        unit="blocks",
    )
    activation = parse_activation(require(config, "activation", "config."), "config.activation")
    if activation.name == "PReLU" and len(activation.negative_slopes) not in (1, channels):
        raise NamFormatError(
            f"config.activation.negative_slopes: {len(activation.negative_slopes)} slopes, "
            f"the blocks have {channels} channels"
        )
    return ConvNetConfig(
        channels=channels,
        dilations=dilations,
        batchnorm=as_bool(require(config, "batchnorm", "config."), "config.batchnorm"),
        activation=activation,
    )


def _refuse_unknown(config: dict[str, Any], known: frozenset[str]) -> None:
    unknown = sorted(config.keys() - known)
    if unknown:
        raise NamFormatError(
            f"config.{unknown[0]}: not an option of this architecture (known: "
            f"{', '.join(sorted(known))})"
        )


def _require_mono(config: dict[str, Any], keys: tuple[str, ...]) -> None:
    for key in keys:
        if key in config:
            value = as_int(config[key], f"config.{key}")
            if value != 1:
                raise NamFormatError(
                    f"config.{key}: {value}, only 1 is supported (mono, ungrouped)"
                )
