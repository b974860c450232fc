"""Typed model configurations of the supported architectures and the weight counts they need."""

from __future__ import annotations

from dataclasses import dataclass

from gts_nam.a2_config import A2Config
from gts_nam.a2_layers import Activation

# Activations the render engine implements (names as the official exporter writes them).
SUPPORTED_ACTIVATIONS = frozenset({"Tanh", "Hardtanh", "ReLU", "Sigmoid", "SiLU"})


@dataclass(frozen=True, slots=True)
class LayerArrayConfig:
    """One WaveNet A1 layer array: a rechannel, dilated layers and a head rechannel."""

    input_size: int
    condition_size: int
    head_size: int
    channels: int
    kernel_size: int
    dilations: tuple[int, ...]
    activation: str
    gated: bool
    head_bias: bool

    @property
    def conv_out(self) -> int:
        """Output channels of each dilated conv (doubled when gated)."""
        return 2 * self.channels if self.gated else self.channels

    @property
    def weight_count(self) -> int:
        """How many floats this array takes from the flat weight list."""
        c, cz = self.channels, self.conv_out
        per_layer = cz * c * self.kernel_size + cz + self.condition_size * cz + c * c + c
        head = c * self.head_size + (self.head_size if self.head_bias else 0)
        return self.input_size * c + per_layer * len(self.dilations) + head

    @property
    def receptive_field(self) -> int:
        """Samples of input one output sample depends on, this array alone."""
        return 1 + (self.kernel_size - 1) * sum(self.dilations)


@dataclass(frozen=True, slots=True)
class WaveNetConfig:
    """A WaveNet A1 configuration: layer arrays in order and the head scale."""

    layers: tuple[LayerArrayConfig, ...]
    head_scale: float

    @property
    def weight_count(self) -> int:
        """Floats the config needs: every array, then one for the head scale."""
        return sum(a.weight_count for a in self.layers) + 1

    @property
    def receptive_field(self) -> int:
        """Samples of input one output sample depends on (the current one included)."""
        return 1 + sum(a.receptive_field - 1 for a in self.layers)


@dataclass(frozen=True, slots=True)
class LstmConfig:
    """A stacked LSTM with a linear head."""

    input_size: int
    hidden_size: int
    num_layers: int

    @property
    def weight_count(self) -> int:
        """Floats the config needs: per layer [W_ih|W_hh], bias, h0, c0; then the head."""
        h = self.hidden_size
        total = 0
        for layer in range(self.num_layers):
            inputs = self.input_size if layer == 0 else h
            total += 4 * h * (inputs + h) + 4 * h + 2 * h
        return total + h + 1

    @property
    def receptive_field(self) -> int:
        """1: an LSTM's memory lives in its state, not in a window of past input."""
        return 1


@dataclass(frozen=True, slots=True)
class LinearConfig:
    """An FIR filter of `receptive_field` taps, with an optional output bias (NAM `Linear`).

    The weights are the impulse response: weights[k] multiplies the input k samples ago
    (NAM Core's reading), then the bias when `bias`.
    """

    receptive_field: int
    bias: bool

    @property
    def weight_count(self) -> int:
        """Floats the config needs: the taps, then one bias when `bias`."""
        return self.receptive_field + (1 if self.bias else 0)


@dataclass(frozen=True, slots=True)
class ConvNetConfig:
    """NAM `ConvNet`: blocks of a kernel-2 dilated conv (mono in, then `channels`), an optional
    batch norm (inference form: a scale and offset per channel), an activation; then a
    1x1 head to one output."""

    channels: int
    dilations: tuple[int, ...]
    batchnorm: bool
    activation: Activation

    def block_inputs(self, index: int) -> int:
        """Input channels of block `index` (the mono input, then `channels`)."""
        return 1 if index == 0 else self.channels

    @property
    def weight_count(self) -> int:
        """Per block: conv (out, in, 2), then its bias (no batch norm) or the batch norm's
        running mean, running var, weight, bias (each `channels`) and eps; then the head's
        weight (`channels`) and bias."""
        c = self.channels
        tail = 4 * c + 1 if self.batchnorm else c
        blocks = sum(2 * c * self.block_inputs(i) + tail for i in range(len(self.dilations)))
        return blocks + c + 1

    @property
    def receptive_field(self) -> int:
        """Samples of input one output sample depends on (the current one included)."""
        return 1 + sum(self.dilations)


ModelConfig = WaveNetConfig | LstmConfig | A2Config | LinearConfig | ConvNetConfig
