"""Parsing of one NAM "A2" layer array (its layers, 1x1s, FiLMs, head conv) and of the
post-stack head, with the checks that the grouped convolutions' shapes divide.

The keys and their defaults follow NeuralAmpModelerCore's reader.
"""

from __future__ import annotations

from typing import Any

from gts_nam.a2_config import PostHead
from gts_nam.a2_layers import FILM_POINTS, A2Layer, A2LayerArray, Film
from gts_nam.cost import (
    MAX_CHANNELS,
    MAX_DILATION,
    MAX_KERNEL_SIZE,
    MAX_LAYERS_PER_ARRAY,
)
from gts_nam.errors import NamFormatError
from gts_nam.fields import as_bool, as_dilations, as_int, as_object, describe, require
from gts_nam.parse_a2_activation import parse_activation, parse_gating


def parse_layer_array(obj: dict[str, Any], p: str) -> A2LayerArray:
    """One layer array's config object; `p` is its path for error messages."""
    channels = _int(obj, "channels", p)
    bottleneck = as_int(obj.get("bottleneck", channels), f"{p}bottleneck", maximum=MAX_CHANNELS)
    dilations = as_dilations(
        require(obj, "dilations", p), f"{p}dilations", most=MAX_LAYERS_PER_ARRAY, unit="layers"
    )
    n = len(dilations)
    kernels = _kernel_sizes(obj, p, n)
    acts = _per_layer(obj, "activation", p, n)
    activations = [parse_activation(a, f"{p}activation") for a in acts]
    modes, secondaries = parse_gating(obj, p, n)
    for j, act in enumerate(activations):
        if act.name == "PReLU" and len(act.negative_slopes) not in (1, bottleneck):
            raise NamFormatError(f"{p}activation[{j}]: PReLU needs {bottleneck} negative_slopes")
    layer1x1 = obj.get("layer1x1")
    l1_active, l1_groups = True, 1
    if layer1x1 is not None:
        lo = as_object(layer1x1, f"{p}layer1x1")
        l1_active = as_bool(require(lo, "active", f"{p}layer1x1."), f"{p}layer1x1.active")
        l1_groups = as_int(require(lo, "groups", f"{p}layer1x1."), f"{p}layer1x1.groups")
    if not l1_active and bottleneck != channels:
        raise NamFormatError(f"{p}layer1x1: inactive needs bottleneck == channels")
    head1x1 = obj.get("head1x1")
    h_active, h_out, h_groups = False, channels, 1
    if head1x1 is not None:
        ho = as_object(head1x1, f"{p}head1x1")
        h_active = as_bool(require(ho, "active", f"{p}head1x1."), f"{p}head1x1.active")
        h_out = as_int(
            require(ho, "out_channels", f"{p}head1x1."),
            f"{p}head1x1.out_channels",
            maximum=MAX_CHANNELS,
        )
        h_groups = as_int(require(ho, "groups", f"{p}head1x1."), f"{p}head1x1.groups")
    films = tuple(
        (name, film) for name in FILM_POINTS if (film := _film(obj.get(name), f"{p}{name}"))
    )
    names = {name for name, _ in films}
    if "layer1x1_post_film" in names and not l1_active:
        raise NamFormatError(f"{p}layer1x1_post_film: active while layer1x1 is not")
    if "head1x1_post_film" in names and not h_active:
        raise NamFormatError(f"{p}head1x1_post_film: active while head1x1 is not")
    raw_head = obj.get("head")
    if raw_head is not None:
        ho = as_object(raw_head, f"{p}head")
        head_size = as_int(
            require(ho, "out_channels", f"{p}head."), f"{p}head.out_channels", maximum=MAX_CHANNELS
        )
        head_kernel = as_int(
            require(ho, "kernel_size", f"{p}head."), f"{p}head.kernel_size", maximum=MAX_KERNEL_SIZE
        )
        head_bias = as_bool(require(ho, "bias", f"{p}head."), f"{p}head.bias")
        head_dilation = as_int(
            ho.get("head_dilation", 1), f"{p}head.head_dilation", maximum=MAX_DILATION
        )
    else:
        head_size = _int(obj, "head_size", p)
        head_kernel, head_dilation = 1, 1
        head_bias = as_bool(require(obj, "head_bias", p), f"{p}head_bias")
    array = A2LayerArray(
        input_size=_int(obj, "input_size", p),
        condition_size=_int(obj, "condition_size", p),
        channels=channels,
        bottleneck=bottleneck,
        layers=tuple(
            A2Layer(kernel_size=k, dilation=d, activation=a, gating_mode=m, secondary=s)
            for k, d, a, m, s in zip(
                kernels, dilations, activations, modes, secondaries, strict=True
            )
        ),
        groups_input=as_int(obj.get("groups_input", 1), f"{p}groups_input"),
        groups_input_mixin=as_int(obj.get("groups_input_mixin", 1), f"{p}groups_input_mixin"),
        layer1x1_active=l1_active,
        layer1x1_groups=l1_groups,
        head1x1_active=h_active,
        head1x1_out_channels=h_out,
        head1x1_groups=h_groups,
        films=films,
        head_size=head_size,
        head_kernel_size=head_kernel,
        head_bias=head_bias,
        head_dilation=head_dilation,
    )
    _check_groups(array, p)
    return array


def _check_groups(a: A2LayerArray, p: str) -> None:
    def divides(groups: int, cin: int, cout: int, what: str) -> None:
        if cin % groups or cout % groups:
            raise NamFormatError(f"{p}{what}: {groups} groups do not divide {cin} in / {cout} out")

    for layer in a.layers:
        z = a.conv_out(layer)
        divides(a.groups_input, a.channels, z, "groups_input")
        divides(a.groups_input_mixin, a.condition_size, z, "groups_input_mixin")
        dims = a.film_channels(layer)
        for name, film in a.films:
            divides(film.groups, a.condition_size, (2 if film.shift else 1) * dims[name], name)
    if a.layer1x1_active:
        divides(a.layer1x1_groups, a.bottleneck, a.channels, "layer1x1.groups")
    if a.head1x1_active:
        divides(a.head1x1_groups, a.bottleneck, a.head1x1_out_channels, "head1x1.groups")


def _int(obj: dict[str, Any], key: str, p: str) -> int:
    return as_int(require(obj, key, p), f"{p}{key}", maximum=MAX_CHANNELS)


def _kernel_sizes(obj: dict[str, Any], p: str, n: int) -> list[int]:
    if "kernel_size" in obj and "kernel_sizes" in obj:
        raise NamFormatError(f"{p}kernel_sizes: only one of kernel_size and kernel_sizes")
    if "kernel_sizes" in obj:
        raw = obj["kernel_sizes"]
        if not isinstance(raw, list) or len(raw) != n:
            raise NamFormatError(f"{p}kernel_sizes: expected a list of {n}, got {describe(raw)}")
        return [
            as_int(k, f"{p}kernel_sizes[{j}]", maximum=MAX_KERNEL_SIZE) for j, k in enumerate(raw)
        ]
    k = as_int(require(obj, "kernel_size", p), f"{p}kernel_size", maximum=MAX_KERNEL_SIZE)
    return [k] * n


def _per_layer(obj: dict[str, Any], key: str, p: str, n: int) -> list[object]:
    raw = require(obj, key, p)
    if isinstance(raw, list):
        if len(raw) != n:
            raise NamFormatError(f"{p}{key}: {len(raw)} entries, the array has {n} layers")
        return list(raw)
    return [raw] * n


def _film(raw: object, field: str) -> Film | None:
    if raw is None or raw is False:
        return None
    obj = as_object(raw, field)
    if not as_bool(obj.get("active", True), f"{field}.active"):
        return None
    return Film(
        shift=as_bool(obj.get("shift", True), f"{field}.shift"),
        groups=as_int(obj.get("groups", 1), f"{field}.groups"),
    )


def parse_post_head(raw: object, in_channels: int, p: str) -> PostHead | None:
    """The post-stack head after the last array (None when the config has none)."""
    if raw is None:
        return None
    obj = as_object(raw, p[:-1])
    kernels = require(obj, "kernel_sizes", p)
    if not isinstance(kernels, list) or not kernels:
        raise NamFormatError(f"{p}kernel_sizes: expected a non-empty list")
    if obj.get("in_channels") is not None and obj["in_channels"] != in_channels:
        raise NamFormatError(f"{p}in_channels: must equal the last array's head size")
    return PostHead(
        in_channels=in_channels,
        channels=_int(obj, "channels", p),
        out_channels=_int(obj, "out_channels", p),
        kernel_sizes=tuple(as_int(k, f"{p}kernel_sizes", maximum=MAX_KERNEL_SIZE) for k in kernels),
        activation=parse_activation(require(obj, "activation", p), f"{p}activation"),
    )
