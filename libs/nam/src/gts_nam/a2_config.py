"""Typed configurations of NAM "A2" models: the newer WaveNet options and SlimmableContainer.

An A2 WaveNet generalises A1: per-layer kernel sizes, activations and gating modes
(none, gated, blended with a secondary activation), a bottleneck, optional 1x1
convolutions toward the next layer and the head, grouped convolutions, FiLM modulations
by the condition at eight points, a nested model whose output is the condition, a
layer-array head convolution with a kernel, and a post-stack head. The weight order is
NeuralAmpModelerCore's reader's; `weight_count` here is the single count the parser checks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, TypeAlias

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from gts_nam.slimmable_wavenet import SlimmableWaveNet

GatingMode = Literal["none", "gated", "blended"]

# FiLM points of a layer, in the order their weights are stored.
FILM_POINTS = (
    "conv_pre_film",
    "conv_post_film",
    "input_mixin_pre_film",
    "input_mixin_post_film",
    "activation_pre_film",
    "activation_post_film",
    "layer1x1_post_film",
    "head1x1_post_film",
)

# Activations NAM Core implements, by the names its files use.
A2_ACTIVATIONS = frozenset(
    {
        "Tanh",
        "Fasttanh",
        "Hardtanh",
        "LeakyHardtanh",
        "ReLU",
        "LeakyReLU",
        "PReLU",
        "Sigmoid",
        "SiLU",
        "Hardswish",
        "Softsign",
    }
)


@dataclass(frozen=True, slots=True)
class Activation:
    """An activation and its parameters (defaults as NAM Core's)."""

    name: str
    negative_slope: float = 0.01
    negative_slopes: tuple[float, ...] = ()
    min_val: float = -1.0
    max_val: float = 1.0
    min_slope: float = 0.01
    max_slope: float = 0.01


IDENTITY = Activation("Identity")


@dataclass(frozen=True, slots=True)
class Film:
    """A FiLM: a grouped 1x1 conv of the condition gives a scale (and a shift) per channel."""

    shift: bool
    groups: int

    def weight_count(self, condition_size: int, input_dim: int) -> int:
        """Floats of the condition-to-scale(-shift) 1x1 conv, with its bias."""
        out = (2 if self.shift else 1) * input_dim
        return conv_weight_count(condition_size, out, 1, self.groups, bias=True)


@dataclass(frozen=True, slots=True)
class A2Layer:
    """One layer of an A2 layer array (what may differ from layer to layer)."""

    kernel_size: int
    dilation: int
    activation: Activation
    gating_mode: GatingMode
    secondary: Activation


@dataclass(frozen=True, slots=True)
class A2LayerArray:
    """An A2 layer array: rechannel, layers, and its head convolution."""

    input_size: int
    condition_size: int
    channels: int
    bottleneck: int
    layers: tuple[A2Layer, ...]
    groups_input: int
    groups_input_mixin: int
    layer1x1_active: bool
    layer1x1_groups: int
    head1x1_active: bool
    head1x1_out_channels: int
    head1x1_groups: int
    films: tuple[tuple[str, Film], ...]
    head_size: int
    head_kernel_size: int
    head_bias: bool
    head_dilation: int = 1

    def film(self, point: str) -> Film | None:
        """The active FiLM at this point, or None."""
        for name, film in self.films:
            if name == point:
                return film
        return None

    @property
    def head_input_size(self) -> int:
        """Rows each layer adds to the head accumulator."""
        return self.head1x1_out_channels if self.head1x1_active else self.bottleneck

    def layer_weight_count(self, layer: A2Layer) -> int:
        """Floats of one layer, in NAM Core's order (convs, then FiLMs)."""
        z = (1 if layer.gating_mode == "none" else 2) * self.bottleneck
        c, b, cond = self.channels, self.bottleneck, self.condition_size
        total = conv_weight_count(c, z, layer.kernel_size, self.groups_input, bias=True)
        total += conv_weight_count(cond, z, 1, self.groups_input_mixin, bias=False)
        if self.layer1x1_active:
            total += conv_weight_count(b, c, 1, self.layer1x1_groups, bias=True)
        if self.head1x1_active:
            total += conv_weight_count(
                b, self.head1x1_out_channels, 1, self.head1x1_groups, bias=True
            )
        dims = {
            "conv_pre_film": c,
            "conv_post_film": z,
            "input_mixin_pre_film": cond,
            "input_mixin_post_film": z,
            "activation_pre_film": z,
            "activation_post_film": b,
            "layer1x1_post_film": c,
            "head1x1_post_film": self.head1x1_out_channels,
        }
        return total + sum(film.weight_count(cond, dims[name]) for name, film in self.films)

    @property
    def weight_count(self) -> int:
        """Floats of the whole array: rechannel, layers, head conv."""
        rechannel = self.input_size * self.channels
        head = conv_weight_count(
            self.head_input_size, self.head_size, self.head_kernel_size, 1, bias=self.head_bias
        )
        return rechannel + sum(self.layer_weight_count(x) for x in self.layers) + head

    def reach(self, layer_in: int, head_in: int, condition: int) -> tuple[int, int]:
        """Past input samples (layer output, head output) depend on, given those that the
        array's input, the previous head output and the condition depend on."""
        pre_film = self.film("conv_pre_film") is not None
        h, acc = layer_in, head_in
        for x in self.layers:
            conv_in = max(h, condition) if pre_film else h
            # the mixin adds the condition after the conv; z feeds the head and 1x1
            z = max(conv_in + x.dilation * (x.kernel_size - 1), condition)
            acc = max(acc, z)
            if self.layer1x1_active:
                h = max(h, z)
        return h, acc + self.head_dilation * (self.head_kernel_size - 1)


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


def conv_weight_count(cin: int, cout: int, kernel: int, groups: int, *, bias: bool) -> int:
    """Floats of a grouped conv: (cout x cin/groups) per tap, plus the bias."""
    return cout * (cin // groups) * kernel + (cout if bias else 0)


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
