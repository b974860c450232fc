"""Built-in effects and their parameters: names, units, ranges and defaults.

Pure Python with no numpy, so the shootouts service can validate effect blocks the same way.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ParamSpec:
    """One numeric parameter: inclusive range `[low, high]` in `unit`, and its default."""

    name: str
    low: float
    high: float
    default: float
    unit: str


class EffectParamError(ValueError):
    """An effect block with an unknown effect, an unknown parameter, or a value out of range."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def _p(name: str, low: float, high: float, default: float, unit: str) -> ParamSpec:
    return ParamSpec(name, low, high, default, unit)


EFFECTS: dict[str, tuple[ParamSpec, ...]] = {
    "gain": (_p("gain_db", -48.0, 48.0, 0.0, "dB"),),
    "noise_gate": (
        _p("threshold_db", -100.0, 0.0, -60.0, "dBFS"),
        _p("ratio", 1.0, 100.0, 10.0, ":1"),
        _p("attack_ms", 0.01, 500.0, 1.0, "ms"),
        _p("release_ms", 1.0, 5000.0, 100.0, "ms"),
    ),
    "compressor": (
        _p("threshold_db", -60.0, 0.0, -20.0, "dBFS"),
        _p("ratio", 1.0, 50.0, 4.0, ":1"),
        _p("attack_ms", 0.01, 500.0, 5.0, "ms"),
        _p("release_ms", 1.0, 5000.0, 100.0, "ms"),
    ),
    "eq": (
        _p("highpass_hz", 10.0, 1000.0, 20.0, "Hz"),
        _p("low_gain_db", -24.0, 24.0, 0.0, "dB"),
        _p("low_hz", 20.0, 1000.0, 120.0, "Hz"),
        _p("mid_gain_db", -24.0, 24.0, 0.0, "dB"),
        _p("mid_hz", 100.0, 10000.0, 800.0, "Hz"),
        _p("mid_q", 0.1, 10.0, 0.7071, ""),
        _p("high_gain_db", -24.0, 24.0, 0.0, "dB"),
        _p("high_hz", 1000.0, 16000.0, 4000.0, "Hz"),
        _p("lowpass_hz", 1000.0, 22000.0, 20000.0, "Hz"),
    ),
    "delay": (
        _p("delay_seconds", 0.001, 2.0, 0.35, "s"),
        _p("feedback", 0.0, 0.95, 0.3, ""),
        _p("mix", 0.0, 1.0, 0.25, ""),
    ),
    "reverb": (
        _p("room_size", 0.0, 1.0, 0.5, ""),
        _p("damping", 0.0, 1.0, 0.5, ""),
        _p("wet_level", 0.0, 1.0, 0.25, ""),
        _p("dry_level", 0.0, 1.0, 0.8, ""),
        _p("width", 0.0, 1.0, 1.0, ""),
    ),
}


def _unit(spec: ParamSpec) -> str:
    return f" {spec.unit}" if spec.unit else ""


def validate_effect(effect: str, params: Mapping[str, object]) -> dict[str, float]:
    """Check an effect block and return every parameter, defaults filled in.

    Raises `EffectParamError` naming the effect or parameter and the reason.
    """
    specs = EFFECTS.get(effect)
    if specs is None:
        raise EffectParamError(
            "effect", f"unknown effect {effect!r} (expected one of {', '.join(sorted(EFFECTS))})"
        )
    by_name = {s.name: s for s in specs}
    unknown = sorted(set(params) - set(by_name))
    if unknown:
        raise EffectParamError(
            f"{effect}.{unknown[0]}",
            f"unknown parameter (expected one of {', '.join(by_name)})",
        )
    resolved: dict[str, float] = {}
    for spec in specs:
        value = params.get(spec.name, spec.default)
        field = f"{effect}.{spec.name}"
        # bool is an int subclass, but True is never a sensible dB or ms value
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise EffectParamError(field, f"must be a number, got {type(value).__name__}")
        number = float(value)
        if not math.isfinite(number):
            raise EffectParamError(field, f"must be finite, got {number}")
        if not spec.low <= number <= spec.high:
            raise EffectParamError(
                field,
                f"{number:g} is outside {spec.low:g} to {spec.high:g}{_unit(spec)}",
            )
        resolved[spec.name] = number
    if effect == "eq" and resolved["highpass_hz"] >= resolved["lowpass_hz"]:
        raise EffectParamError(
            "eq.highpass_hz",
            f"{resolved['highpass_hz']:g} Hz must be below eq.lowpass_hz "
            f"({resolved['lowpass_hz']:g} Hz)",
        )
    return resolved
