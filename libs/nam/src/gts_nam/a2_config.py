"""Typed configurations of NAM "A2" models: the newer WaveNet options and SlimmableContainer.

An A2 WaveNet is a chain of A2 layer arrays (`a2_layers`), a nested model whose output
is the condition, and a post-stack head. The weight order is NeuralAmpModelerCore's
reader's; `wavenet_weight_count` here is the single count the parser checks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias

import numpy as np
import numpy.typing as npt

from gts_nam.a2_layers import A2LayerArray, Activation, conv_weight_count

if TYPE_CHECKING:
    from gts_nam.slimmable_wavenet import SlimmableWaveNet


@dataclass(frozen=True, slots=True)
class PostHead:
    """The WaveNet's post-stack head: activation then conv, repeated."""

    in_channels: int
    channels: int
    out_channels: int
    kernel_sizes: tuple[int, ...]
    activation: Activation

    def conv_shapes(self) -> list[tuple[int, int, int]]:
        """(in, out, kernel) of each conv."""
        shapes = []
        cin = self.in_channels
        for i, k in enumerate(self.kernel_sizes):
            cout = self.out_channels if i == len(self.kernel_sizes) - 1 else self.channels
            shapes.append((cin, cout, k))
            cin = cout
        return shapes

    @property
    def weight_count(self) -> int:
        """Floats of every conv (each with a bias)."""
        return sum(conv_weight_count(i, o, k, 1, bias=True) for i, o, k in self.conv_shapes())


@dataclass(frozen=True, slots=True, eq=False)
class A2WaveNet:
    """An A2 WaveNet with its weights (and its condition model's)."""

    arrays: tuple[A2LayerArray, ...]
    head: PostHead | None
    head_scale: float
    condition_dsp: A2WaveNet | None
    weights: npt.NDArray[np.float32]
    sample_rate: int
    loudness: float | None

    @property
    def receptive_field(self) -> int:
        """Input samples one output sample depends on (the current one included): the
        longest path through the convolutions' spans, the condition model's included."""
        condition = 0 if self.condition_dsp is None else self.condition_dsp.receptive_field - 1
        layer_out, head_out = 0, 0
        for array in self.arrays:
            layer_out, head_out = array.reach(layer_out, head_out, condition)
        if self.head is not None:
            head_out += sum(k - 1 for k in self.head.kernel_sizes)
        return head_out + 1

    @property
    def output_channels(self) -> int:
        """Channels the model outputs."""
        return self.head.out_channels if self.head is not None else self.arrays[-1].head_size


@dataclass(frozen=True, slots=True, eq=False)
class Submodel:
    """One submodel of a SlimmableContainer: used for slim values up to max_value."""

    max_value: float
    model: A2WaveNet


@dataclass(frozen=True, slots=True, eq=False)
class SlimmableContainer:
    """Submodels in increasing max_value, the last at 1.0."""

    submodels: tuple[Submodel, ...]

    def select(self, slim: float | None = None) -> A2WaveNet:
        """The submodel for a slim value 0..1: the first whose max_value >= slim.

        None means NAM Core's `render` default, the largest (last) submodel.
        """
        if slim is None:
            return self.submodels[-1].model
        for sub in self.submodels:
            if slim <= sub.max_value:
                return sub.model
        return self.submodels[-1].model


A2Model: TypeAlias = "A2WaveNet | SlimmableContainer | SlimmableWaveNet"


def wavenet_weight_count(arrays: tuple[A2LayerArray, ...], head: PostHead | None) -> int:
    """Floats of a WaveNet's own weights: arrays, post head, then the head scale."""
    return sum(a.weight_count for a in arrays) + (head.weight_count if head else 0) + 1


@dataclass(frozen=True, slots=True, eq=False)
class A2Config:
    """The config of an A2 .nam file: its model, and the slim value that picks a submodel
    (or a slimmable WaveNet's channels).

    `slim` None runs NAM Core's `render` default (the largest submodel, the full channels);
    it has no effect on a plain WaveNet.
    """

    model: A2Model
    slim: float | None = None

    @property
    def selected(self) -> A2WaveNet:
        """The WaveNet that runs."""
        if isinstance(self.model, A2WaveNet):
            return self.model
        return self.model.select(self.slim)

    @property
    def wavenets(self) -> tuple[A2WaveNet, ...]:
        """Every WaveNet the file holds (each submodel of a container)."""
        if isinstance(self.model, SlimmableContainer):
            return tuple(s.model for s in self.model.submodels)
        if isinstance(self.model, A2WaveNet):
            return (self.model,)
        return (self.model.full,)  # the largest of a slimmable WaveNet's configurations

    @property
    def receptive_field(self) -> int:
        """Input samples one output sample of the selected WaveNet depends on."""
        return self.selected.receptive_field
