"""Parsing of NAM "A2" models: WaveNets with the .nam 0.6/0.7 options, SlimmableContainer.

This module reads the model level (containers, nested condition models, how layer arrays
chain); `parse_a2_array` reads each layer array and the post-stack head. The keys, their
defaults and the weight order follow NeuralAmpModelerCore's reader.
"""

from __future__ import annotations

from typing import Any

from gts_nam.a2_config import (
    A2Model,
    A2WaveNet,
    SlimmableContainer,
    Submodel,
    wavenet_weight_count,
)
from gts_nam.a2_layers import A2LayerArray
from gts_nam.cost import MAX_LAYER_ARRAYS
from gts_nam.errors import NamFormatError
from gts_nam.fields import as_float, as_int, as_object, as_str, describe, require
from gts_nam.parse_a2_array import parse_layer_array, parse_post_head
from gts_nam.slimmable_wavenet import make_slimmable, slimmable_keys

MAX_SUBMODELS = 8
MAX_NESTING = 4


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
        parse_layer_array(as_object(raw, f"{cpath}layers[{i}]"), f"{cpath}layers[{i}].")
        for i, raw in enumerate(layers_raw)
    )
    _check_chaining(arrays, condition_dsp, cpath)
    head = parse_post_head(config.get("head"), arrays[-1].head_size, f"{cpath}head.")
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
