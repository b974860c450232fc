"""What a chain builder needs to know up front: the built-in effects with their parameters, and
what each error code of a chain or group means."""

from __future__ import annotations

import msgspec

from gts_chains import EFFECTS as EFFECT_PARAMS
from gts_chains import GRAMMAR_EXPLANATIONS, ParamSpec
from shootouts.chains.blocks import EFFECTS

# One line each: what the effect does to the sound.
EFFECT_DESCRIPTIONS: dict[str, tuple[str, str]] = {
    "noise_gate": ("Noise gate", "mutes the signal below a threshold: hum and hiss between notes"),
    "compressor": ("Compressor", "evens out the dynamics: turns down what rises above a threshold"),
    "eq": (
        "EQ",
        "shapes the tone: high- and low-pass filters, low and high shelves, a mid band",
    ),
    "delay": ("Delay", "repeats the signal after a time, with feedback, mixed with the dry sound"),
    "reverb": ("Reverb", "puts the sound in a room: size, damping, wet and dry levels, width"),
}

# The service's own codes for blocks and groups, beside the grammar's.
BLOCK_EXPLANATIONS: dict[str, str] = {
    "unknown_effect": "an effect block names an effect GTS does not have",
    "invalid_param": "an effect parameter is unknown, not a number, or outside its range",
    "too_many_combinations": "a group's slots make more chains than one group may generate",
}

# Words for a parameter's name, where cutting the unit off the name does not say it.
_PARAM_LABELS = {"mid_q": "Mid Q", "delay_seconds": "Time", "highpass_hz": "High-pass"}
_PARAM_LABELS["lowpass_hz"] = "Low-pass"
_UNIT_SUFFIXES = ("_db", "_ms", "_hz", "_seconds")


class EffectParam(msgspec.Struct, frozen=True, kw_only=True):
    """One parameter of an effect: a number from `low` to `high` (inclusive) in `unit`
    (empty: a plain ratio or amount), `default` when a block leaves it out."""

    name: str
    label: str
    unit: str
    low: float
    high: float
    default: float


class EffectInfo(msgspec.Struct, frozen=True, kw_only=True):
    """A built-in effect an effect block may name, and its parameters in order."""

    name: str
    label: str
    description: str
    params: list[EffectParam]


class CodeExplanation(msgspec.Struct, frozen=True, kw_only=True):
    """What an `errors[].code` of a chain or group means, in one line."""

    code: str
    explanation: str


class ChainCatalog(msgspec.Struct, frozen=True, kw_only=True):
    """The built-in effects, and the codes a chain or group may be refused with."""

    effects: list[EffectInfo]
    codes: list[CodeExplanation]


def param_label(name: str) -> str:
    """`threshold_db` -> `Threshold`, `wet_level` -> `Wet level`."""
    if name in _PARAM_LABELS:
        return _PARAM_LABELS[name]
    for suffix in _UNIT_SUFFIXES:
        if name.endswith(suffix):
            name = name.removesuffix(suffix)
            break
    return name.replace("_", " ").capitalize()


def _param(spec: ParamSpec) -> EffectParam:
    return EffectParam(
        name=spec.name,
        label=param_label(spec.name),
        unit=spec.unit,
        low=spec.low,
        high=spec.high,
        default=spec.default,
    )


def _effect(name: str) -> EffectInfo:
    label, description = EFFECT_DESCRIPTIONS.get(name, (param_label(name), ""))
    return EffectInfo(
        name=name,
        label=label,
        description=description,
        params=[_param(p) for p in EFFECT_PARAMS[name]],
    )


CATALOG = ChainCatalog(
    effects=[_effect(name) for name in EFFECTS],
    codes=[
        *(CodeExplanation(code=str(c), explanation=e) for c, e in GRAMMAR_EXPLANATIONS.items()),
        *(CodeExplanation(code=c, explanation=e) for c, e in BLOCK_EXPLANATIONS.items()),
    ],
)
