"""The submodels of an A2 SlimmableContainer as a library shows them: size and loudness."""

from __future__ import annotations

from dataclasses import dataclass

from gts_nam.a2_config import A2Config, A2WaveNet, SlimmableContainer
from gts_nam.cost import model_cost
from gts_nam.nam_file import NamFile


@dataclass(frozen=True, slots=True)
class SubmodelInfo:
    """One submodel: used for slim values up to `max_value`; its weights (its condition
    model's included), multiply-adds per second of audio at its own rate, and its loudness."""

    max_value: float
    parameters: int
    macs_per_second: int
    loudness: float | None


def _parameters(model: A2WaveNet) -> int:
    inner = _parameters(model.condition_dsp) if model.condition_dsp is not None else 0
    return int(model.weights.size) + inner


def submodels(nam: NamFile) -> list[SubmodelInfo] | None:
    """Each submodel of a SlimmableContainer, smallest first; None for any other file."""
    config = nam.config
    if not (isinstance(config, A2Config) and isinstance(config.model, SlimmableContainer)):
        return None
    found = []
    for sub in config.model.submodels:
        cost = model_cost(A2Config(sub.model))
        found.append(
            SubmodelInfo(
                max_value=sub.max_value,
                parameters=_parameters(sub.model),
                macs_per_second=cost.multiply_adds_per_sample * sub.model.sample_rate,
                loudness=sub.model.loudness,
            )
        )
    return found
