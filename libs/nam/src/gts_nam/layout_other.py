"""The flat weight lists of `Linear` and `ConvNet` as typed arrays, in NAM Core's order.

Linear (NAM/linear.cpp): the `receptive_field` taps, then the bias. Tap k multiplies the
input k samples ago: the taps are the filter's impulse response.

ConvNet (NAM/convnet.cpp; the trainer's nam/models/conv_net.py writes the same order):
per block, the kernel-2 conv's weight (out, in, 2), out-major then in then tap, where tap
1 reads the current sample and tap 0 the sample `dilation` ago; then the conv's bias
(`channels`) when there is no batch norm, else the batch norm's running mean, running
variance, weight, bias (each `channels`) and eps. Then the head: weight (`channels`), bias.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gts_nam.config import ConvNetConfig, LinearConfig
from gts_nam.errors import NamFormatError
from gts_nam.layout import Floats


@dataclass(frozen=True, slots=True)
class LinearWeights:
    """An FIR filter: taps[k] multiplies the input k samples ago; bias is added."""

    taps: Floats
    bias: float


@dataclass(frozen=True, slots=True)
class ConvNetBlockWeights:
    """One block: y = act(scale * conv(x) + offset) per channel.

    Without batch norm, scale is None and offset is the conv's bias; with it, NAM Core's
    fold of the batch norm: scale = weight / sqrt(eps + running_var) and
    offset = bias - scale * running_mean (float32, as Core computes them).
    """

    conv_w: Floats  # (out, in, 2)
    scale: Floats | None  # (out,)
    offset: Floats  # (out,)
    dilation: int


@dataclass(frozen=True, slots=True)
class ConvNetWeights:
    """Blocks in order, then the 1x1 head to one output."""

    blocks: tuple[ConvNetBlockWeights, ...]
    head_w: Floats  # (channels,)
    head_b: float


def unpack_linear(config: LinearConfig, weights: Floats) -> LinearWeights:
    """The taps and bias of a Linear."""
    rf = config.receptive_field
    bias = float(weights[rf]) if config.bias else 0.0
    return LinearWeights(taps=np.asarray(weights[:rf], dtype=np.float32), bias=bias)


def unpack_convnet(config: ConvNetConfig, weights: Floats) -> ConvNetWeights:
    """The blocks and head of a ConvNet; NamFormatError when a batch norm's variance plus eps
    is not positive (its scale would not be a finite number)."""
    c = config.channels
    pos = 0

    def take(count: int) -> Floats:
        nonlocal pos
        out = np.asarray(weights[pos : pos + count], dtype=np.float32)
        pos += count
        return out

    blocks = []
    for i, dilation in enumerate(config.dilations):
        cin = config.block_inputs(i)
        conv_w = take(c * cin * 2).reshape(c, cin, 2)
        if config.batchnorm:
            mean, var, weight, bias = take(c), take(c), take(c), take(c)
            eps = take(1)[0]
            variance = eps + var
            if not np.all(variance > 0):
                bad = int(np.flatnonzero(~(variance > 0))[0])
                raise NamFormatError(
                    f"weights: block {i}'s batch norm running_var[{bad}] + eps is "
                    f"{float(variance[bad]):g}, it must be above 0"
                )
            denominator = np.sqrt(variance)
            scale = (weight / denominator).astype(np.float32)
            offset = (bias - scale * mean).astype(np.float32)
            if not (np.all(np.isfinite(scale)) and np.all(np.isfinite(offset))):
                raise NamFormatError(f"weights: block {i}'s batch norm overflows 32-bit float")
            blocks.append(ConvNetBlockWeights(conv_w, scale, offset, dilation))
        else:
            blocks.append(ConvNetBlockWeights(conv_w, None, take(c), dilation))
    head_w = take(c)
    head_b = float(take(1)[0])
    return ConvNetWeights(blocks=tuple(blocks), head_w=head_w, head_b=head_b)
