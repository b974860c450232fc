"""Parsing of NAM "A2" models: WaveNets with the .nam 0.6/0.7 options, SlimmableContainer.

The keys, their defaults and the weight order follow NeuralAmpModelerCore's reader.
"""

from __future__ import annotations

from typing import Any

from gts_nam.a2_config import (
    A2_ACTIVATIONS,
    FILM_POINTS,
    IDENTITY,
    A2Layer,
    A2LayerArray,
    A2Model,
    A2WaveNet,
    Activation,
    Film,
    GatingMode,
    PostHead,
    SlimmableContainer,
    Submodel,
    wavenet_weight_count,
)
from gts_nam.cost import (
    MAX_CHANNELS,
    MAX_DILATION,
    MAX_KERNEL_SIZE,
    MAX_LAYER_ARRAYS,
    MAX_LAYERS_PER_ARRAY,
)
from gts_nam.errors import NamFormatError
from gts_nam.fields import as_bool, as_float, as_int, as_object, as_str, describe, require
from gts_nam.slimmable_wavenet import make_slimmable, slimmable_keys

MAX_SUBMODELS = 8
MAX_NESTING = 4
_SIGMOID = Activation("Sigmoid")


def parse_nam_a2(data: bytes) -> A2Model:
    """Parse an A2 .nam file (a WaveNet of any option set, or a SlimmableContainer)."""
    from gts_nam.parse import MAX_NAM_BYTES, _decode_json

    if len(data) > MAX_NAM_BYTES:
        raise NamFormatError(f"file: {len(data):,} bytes, the limit is {MAX_NAM_BYTES:,}")
    return parse_a2_object(_decode_json(data), "")


def parse_a2_object(top: dict[str, Any], path: str, depth: int = 0) -> A2Model:
    """A whole .nam object (top level, a submodel, or a condition model)."""
    if depth > MAX_NESTING:
        raise NamFormatError(f"{path or 'file'}: models nested more than {MAX_NESTING} deep")
    architecture = as_str(require(top, "architecture", path), f"{path}architecture")
    config = as_object(require(top, "config", path), f"{path}config")
    if architecture == "SlimmableContainer":
        return _parse_container(config, f"{path}config.", depth)
    if architecture not in ("WaveNet", "SlimmableWaveNet"):
        raise NamFormatError(
            f'{path}architecture: "{architecture}" inside an A2 model is not supported '
            "(WaveNet, SlimmableWaveNet and SlimmableContainer are)"
        )
    cpath = f"{path}config."
    if architecture == "SlimmableWaveNet" and "model" in config:
        # NAM Core also reads a SlimmableWaveNet's WaveNet config wrapped in "model"
        config, cpath = as_object(config["model"], f"{cpath}model"), f"{cpath}model."
    allowed = slimmable_keys(config, cpath)
    if allowed is None:
        if architecture == "SlimmableWaveNet":
            raise NamFormatError(f"{cpath}layers: a SlimmableWaveNet needs a slimmable array")
        return _parse_wavenet(top, config, path, depth, cpath)
    if depth:
        raise NamFormatError(f"{cpath}layers: a slimmable WaveNet inside a model is not supported")
    return make_slimmable(_parse_wavenet(top, config, path, depth, cpath), allowed, cpath)


def _parse_container(config: dict[str, Any], path: str, depth: int) -> SlimmableContainer:
    raw = require(config, "submodels", path)
    if not isinstance(raw, list) or not raw:
        raise NamFormatError(f"{path}submodels: expected a non-empty list, got {describe(raw)}")
    if len(raw) > MAX_SUBMODELS:
        raise NamFormatError(f"{path}submodels: {len(raw)}, the maximum is {MAX_SUBMODELS}")
    subs: list[Submodel] = []
    for i, item in enumerate(raw):
        p = f"{path}submodels[{i}]."
        obj = as_object(item, p[:-1])
        max_value = as_float(require(obj, "max_value", p), f"{p}max_value")
        if subs and max_value <= subs[-1].max_value:
            raise NamFormatError(f"{p}max_value: {max_value}, must increase")
        model = parse_a2_object(
            as_object(require(obj, "model", p), f"{p}model"), f"{p}model.", depth + 1
        )
        if not isinstance(model, A2WaveNet):
            raise NamFormatError(f"{p}model: a container inside a container is not supported")
        subs.append(Submodel(max_value=max_value, model=model))
    if subs[-1].max_value < 1.0:
        raise NamFormatError(f"{path}submodels: the last max_value must be 1.0 or more")
    return SlimmableContainer(submodels=tuple(subs))


def _parse_wavenet(
    top: dict[str, Any], config: dict[str, Any], path: str, depth: int, cpath: str = ""
) -> A2WaveNet:
    from gts_nam.parse import _sample_rate, _weights

    cpath = cpath or f"{path}config."
    condition_dsp: A2WaveNet | None = None
    raw_cond = config.get("condition_dsp")
    if raw_cond is not None:
        nested = parse_a2_object(
            as_object(raw_cond, f"{cpath}condition_dsp"), f"{cpath}condition_dsp.", depth + 1
        )
        if not isinstance(nested, A2WaveNet):
            raise NamFormatError(f"{cpath}condition_dsp: must be a WaveNet")
        condition_dsp = nested
    if as_int(config.get("in_channels", 1), f"{cpath}in_channels") != 1:
        raise NamFormatError(f"{cpath}in_channels: a mono amp model needs 1")
    layers_raw = require(config, "layers", cpath)
    if not isinstance(layers_raw, list) or not layers_raw:
        raise NamFormatError(
            f"{cpath}layers: expected a non-empty list, got {describe(layers_raw)}"
        )
    if len(layers_raw) > MAX_LAYER_ARRAYS:
        raise NamFormatError(f"{cpath}layers: {len(layers_raw)}, the maximum is {MAX_LAYER_ARRAYS}")
    arrays = tuple(
        _parse_array(as_object(raw, f"{cpath}layers[{i}]"), f"{cpath}layers[{i}].")
        for i, raw in enumerate(layers_raw)
    )
    _check_chaining(arrays, condition_dsp, cpath)
    head = _parse_post_head(config.get("head"), arrays[-1].head_size, f"{cpath}head.")
    head_scale = as_float(require(config, "head_scale", cpath), f"{cpath}head_scale")
    model_out = head.out_channels if head is not None else arrays[-1].head_size
    if depth == 0 and model_out != 1:
        raise NamFormatError(f"{cpath}layers: the model outputs {model_out} channels, needs 1")
    sample_rate = _sample_rate(top.get("sample_rate"))
    if condition_dsp is not None and condition_dsp.sample_rate != sample_rate:
        raise NamFormatError(f"{cpath}condition_dsp.sample_rate: differs from the model's")
    weights = _weights(require(top, "weights", path), wavenet_weight_count(arrays, head))
    metadata = top.get("metadata")
    loudness = None
    if isinstance(metadata, dict) and metadata.get("loudness") is not None:
        loudness = as_float(metadata["loudness"], f"{path}metadata.loudness")
    return A2WaveNet(
        arrays=arrays,
        head=head,
        head_scale=head_scale,
        condition_dsp=condition_dsp,
        weights=weights,
        sample_rate=sample_rate,
        loudness=loudness,
    )


def _check_chaining(
    arrays: tuple[A2LayerArray, ...], condition_dsp: A2WaveNet | None, path: str
) -> None:
    if arrays[0].input_size != 1:
        raise NamFormatError(f"{path}layers[0].input_size: {arrays[0].input_size}, needs 1")
    condition = condition_dsp.output_channels if condition_dsp is not None else 1
    for i, array in enumerate(arrays):
        p = f"{path}layers[{i}]."
        if array.condition_size != condition:
            raise NamFormatError(
                f"{p}condition_size: {array.condition_size}, the condition has {condition}"
            )
        if i == 0:
            continue
        prev = arrays[i - 1]
        if array.input_size != prev.channels:
            raise NamFormatError(f"{p}input_size: {array.input_size}, previous has {prev.channels}")
        if array.channels != prev.head_size:
            raise NamFormatError(
                f"{p}channels: {array.channels}, previous head is {prev.head_size}"
            )
        if array.head_input_size != prev.head_size:
            raise NamFormatError(
                f"{p}: head input {array.head_input_size} rows, previous head is {prev.head_size}"
            )


def _parse_array(obj: dict[str, Any], p: str) -> A2LayerArray:
    channels = _int(obj, "channels", p)
    bottleneck = as_int(obj.get("bottleneck", channels), f"{p}bottleneck", maximum=MAX_CHANNELS)
    dilations_raw = require(obj, "dilations", p)
    if not isinstance(dilations_raw, list) or not dilations_raw:
        raise NamFormatError(
            f"{p}dilations: expected a non-empty list, got {describe(dilations_raw)}"
        )
    if len(dilations_raw) > MAX_LAYERS_PER_ARRAY:
        raise NamFormatError(f"{p}dilations: {len(dilations_raw)}, max {MAX_LAYERS_PER_ARRAY}")
    n = len(dilations_raw)
    dilations = [
        as_int(d, f"{p}dilations[{j}]", maximum=MAX_DILATION) for j, d in enumerate(dilations_raw)
    ]
    kernels = _kernel_sizes(obj, p, n)
    acts = _per_layer(obj, "activation", p, n)
    activations = [_activation(a, f"{p}activation") for a in acts]
    modes, secondaries = _gating(obj, p, n)
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
        z = (1 if layer.gating_mode == "none" else 2) * a.bottleneck
        divides(a.groups_input, a.channels, z, "groups_input")
        divides(a.groups_input_mixin, a.condition_size, z, "groups_input_mixin")
        dims = {
            "conv_pre_film": a.channels,
            "conv_post_film": z,
            "input_mixin_pre_film": a.condition_size,
            "input_mixin_post_film": z,
            "activation_pre_film": z,
            "activation_post_film": a.bottleneck,
            "layer1x1_post_film": a.channels,
            "head1x1_post_film": a.head1x1_out_channels,
        }
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


def _gating(obj: dict[str, Any], p: str, n: int) -> tuple[list[GatingMode], list[Activation]]:
    if "gating_mode" in obj:
        raw_modes = obj["gating_mode"]
        modes_raw = raw_modes if isinstance(raw_modes, list) else [raw_modes] * n
        if len(modes_raw) != n:
            raise NamFormatError(f"{p}gating_mode: {len(modes_raw)} entries, {n} layers")
        modes = [_mode(m, f"{p}gating_mode") for m in modes_raw]
    elif "gated" in obj:
        gated = as_bool(obj["gated"], f"{p}gated")
        modes = ["gated" if gated else "none"] * n
    else:
        modes = ["none"] * n
    raw_sec = obj.get("secondary_activation")
    if isinstance(raw_sec, list) and len(raw_sec) != n:
        raise NamFormatError(f"{p}secondary_activation: {len(raw_sec)} entries, {n} layers")
    secondaries: list[Activation] = []
    for j, mode in enumerate(modes):
        if mode == "none":
            secondaries.append(IDENTITY)
        elif raw_sec is None or "gating_mode" not in obj:
            secondaries.append(_SIGMOID)
        else:
            item = raw_sec[j] if isinstance(raw_sec, list) else raw_sec
            secondaries.append(_activation(item, f"{p}secondary_activation"))
    return modes, secondaries


def _mode(raw: object, field: str) -> GatingMode:
    text = as_str(raw, field)
    if text == "none":
        return "none"
    if text == "gated":
        return "gated"
    if text == "blended":
        return "blended"
    raise NamFormatError(f'{field}: "{text}" is not none, gated or blended')


def _activation(raw: object, field: str) -> Activation:
    if isinstance(raw, str):
        obj: dict[str, Any] = {"type": raw}
    else:
        obj = as_object(raw, field)
    name = as_str(require(obj, "type", f"{field}."), f"{field}.type")
    if name not in A2_ACTIVATIONS:
        raise NamFormatError(
            f'{field}: "{name}" is not supported (supported: {", ".join(sorted(A2_ACTIVATIONS))})'
        )
    if name == "LeakyReLU":
        return Activation(
            name,
            negative_slope=as_float(obj.get("negative_slope", 0.01), f"{field}.negative_slope"),
        )
    if name == "PReLU":
        slopes = obj.get("negative_slopes")
        if slopes is None:
            one = as_float(obj.get("negative_slope", 0.01), f"{field}.negative_slope")
            return Activation(name, negative_slopes=(one,))
        if not isinstance(slopes, list) or not slopes:
            raise NamFormatError(f"{field}.negative_slopes: expected a non-empty list")
        return Activation(
            name, negative_slopes=tuple(as_float(s, f"{field}.negative_slopes") for s in slopes)
        )
    if name == "LeakyHardtanh":
        return Activation(
            name,
            min_val=as_float(obj.get("min_val", -1.0), f"{field}.min_val"),
            max_val=as_float(obj.get("max_val", 1.0), f"{field}.max_val"),
            min_slope=as_float(obj.get("min_slope", 0.01), f"{field}.min_slope"),
            max_slope=as_float(obj.get("max_slope", 0.01), f"{field}.max_slope"),
        )
    return Activation(name)


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


def _parse_post_head(raw: object, in_channels: int, p: str) -> PostHead | None:
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
        activation=_activation(require(obj, "activation", p), f"{p}activation"),
    )


def parse_activation(raw: object, field: str) -> Activation:
    """An activation as NAM Core reads one: a name, or an object with `type` and parameters."""
    return _activation(raw, field)
