"""The submodels of an A2 SlimmableContainer (or the channel configurations of a slimmable
WaveNet) as a library shows them: size and loudness."""

from __future__ import annotations

from dataclasses import dataclass

from gts_nam.a2_config import A2Config, A2WaveNet, SlimmableContainer
from gts_nam.cost import model_cost
from gts_nam.nam_file import NamFile
from gts_nam.slimmable_wavenet import SlimmableWaveNet


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


def _info(max_value: float, model: A2WaveNet) -> SubmodelInfo:
    cost = model_cost(A2Config(model))
    return SubmodelInfo(
        max_value=max_value,
        parameters=_parameters(model),
        macs_per_second=cost.multiply_adds_per_sample * model.sample_rate,
        loudness=model.loudness,
    )


def submodels(nam: NamFile) -> list[SubmodelInfo] | None:
    """Each submodel of a SlimmableContainer, smallest first; None for any other file.

    A slimmable WaveNet lists each distinct channel configuration as a submodel, up to the
    largest slim value that selects it; only the full one has a loudness (the file's).
    """
    config = nam.config
    if not isinstance(config, A2Config):
        return None
    if isinstance(config.model, SlimmableContainer):
        return [_info(sub.max_value, sub.model) for sub in config.model.submodels]
    if isinstance(config.model, SlimmableWaveNet):
        model = config.model
        return [_info(c.max_value, model.reduced(c.channels)) for c in model.configurations()]
    return None
