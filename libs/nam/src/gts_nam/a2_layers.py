"""Typed layer arrays of NAM "A2" WaveNets: their layers, activations, gating and FiLMs.

An A2 layer array generalises A1's: per-layer kernel sizes, activations and gating modes
(none, gated, blended with a secondary activation), a bottleneck, optional 1x1
convolutions toward the next layer and the head, grouped convolutions, FiLM modulations
by the condition at eight points, and a head convolution with a kernel. The weight order
is NeuralAmpModelerCore's reader's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

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

    def conv_out(self, layer: A2Layer) -> int:
        """Output channels of `layer`'s dilated conv and input mixin: the bottleneck, doubled
        when the layer gates or blends."""
        return (1 if layer.gating_mode == "none" else 2) * self.bottleneck

    def film_channels(self, layer: A2Layer) -> dict[str, int]:
        """The channels each FiLM point of `layer` modulates, by the point's name."""
        c, z = self.channels, self.conv_out(layer)
        return {
            "conv_pre_film": c,
            "conv_post_film": z,
            "input_mixin_pre_film": self.condition_size,
            "input_mixin_post_film": z,
            "activation_pre_film": z,
            "activation_post_film": self.bottleneck,
            "layer1x1_post_film": c,
            "head1x1_post_film": self.head1x1_out_channels,
        }

    def layer_weight_count(self, layer: A2Layer) -> int:
        """Floats of one layer, in NAM Core's order (convs, then FiLMs)."""
        z = self.conv_out(layer)
        c, b, cond = self.channels, self.bottleneck, self.condition_size
        total = conv_weight_count(c, z, layer.kernel_size, self.groups_input, bias=True)
        total += conv_weight_count(cond, z, 1, self.groups_input_mixin, bias=False)
        if self.layer1x1_active:
            total += conv_weight_count(b, c, 1, self.layer1x1_groups, bias=True)
        if self.head1x1_active:
            total += conv_weight_count(
                b, self.head1x1_out_channels, 1, self.head1x1_groups, bias=True
            )
        dims = self.film_channels(layer)
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


def conv_weight_count(cin: int, cout: int, kernel: int, groups: int, *, bias: bool) -> int:
    """Floats of a grouped conv: (cout x cin/groups) per tap, plus the bias."""
    return cout * (cin // groups) * kernel + (cout if bias else 0)
