"""Parsing of NAM "A2" activations and gating modes, as NeuralAmpModelerCore reads them."""

from __future__ import annotations

from typing import Any

from gts_nam.a2_layers import A2_ACTIVATIONS, IDENTITY, Activation, GatingMode
from gts_nam.errors import NamFormatError
from gts_nam.fields import as_bool, as_float, as_object, as_str, require

_SIGMOID = Activation("Sigmoid")


def parse_gating(obj: dict[str, Any], p: str, n: int) -> tuple[list[GatingMode], list[Activation]]:
    """Each of the array's `n` layers' gating mode and secondary activation."""
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
            secondaries.append(parse_activation(item, f"{p}secondary_activation"))
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


def parse_activation(raw: object, field: str) -> Activation:
    """An activation as NAM Core reads one: a name, or an object with `type` and parameters."""
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
