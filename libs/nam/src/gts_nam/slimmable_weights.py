"""The weights of a slimmed WaveNet: the leading rows and columns of each full tensor.

The full vector is walked in the order NAM Core stores it (per array: rechannel; per layer
the conv and its bias, input mixin, layer1x1, head1x1, the FiLMs in order; the head
rechannel; at the end the head scale), as NAM Core's extract_slimmed_weights does. Every
convolution here has one group (a slimmable WaveNet with groups is refused).
"""

from __future__ import annotations

import numpy as np

from gts_nam.a2_config import A2WaveNet, wavenet_weight_count
from gts_nam.a2_layers import A2LayerArray
from gts_nam.layout import Floats


class _Slicer:
    """Reads the full weights in order and keeps each tensor's leading rows and columns."""

    def __init__(self, full: Floats) -> None:
        self.full = full
        self.at = 0
        self.parts: list[Floats] = []

    def conv(
        self, cin: int, cout: int, slim_in: int, slim_out: int, *, kernel: int = 1, bias: bool
    ) -> None:
        """A (cout, cin, kernel) weight, then `cout` biases when `bias`."""
        n = cout * cin * kernel
        weight = self.full[self.at : self.at + n].reshape(cout, cin, kernel)
        self.parts.append(weight[:slim_out, :slim_in].ravel())
        self.at += n
        if bias:
            self.parts.append(self.full[self.at : self.at + slim_out])
            self.at += cout


def slimmed_weights(full: A2WaveNet, arrays: tuple[A2LayerArray, ...]) -> Floats:
    """The weights of `full` reduced to `arrays` (its arrays at fewer channels), read-only."""
    slicer = _Slicer(full.weights)
    for big, small in zip(full.arrays, arrays, strict=True):
        _array(slicer, big, small)
    slicer.parts.append(full.weights[slicer.at : slicer.at + 1])  # the head scale
    slicer.at += 1
    if slicer.at != full.weights.size:  # pragma: no cover - the parser checked the count
        raise AssertionError(f"walked {slicer.at} of {full.weights.size} weights")
    weights = np.concatenate(slicer.parts).astype(np.float32)
    if weights.size != wavenet_weight_count(arrays, None):  # pragma: no cover
        raise AssertionError("slimmed weights do not match the slimmed config")
    weights.flags.writeable = False
    return weights


def _array(s: _Slicer, big: A2LayerArray, small: A2LayerArray) -> None:
    cond = big.condition_size
    s.conv(big.input_size, big.channels, small.input_size, small.channels, bias=False)
    for layer in big.layers:
        z_big, z_small = big.conv_out(layer), small.conv_out(layer)
        s.conv(big.channels, z_big, small.channels, z_small, kernel=layer.kernel_size, bias=True)
        s.conv(cond, z_big, cond, z_small, bias=False)  # input mixin
        if big.layer1x1_active:
            s.conv(big.bottleneck, big.channels, small.bottleneck, small.channels, bias=True)
        if big.head1x1_active:
            out = big.head1x1_out_channels
            s.conv(big.bottleneck, out, small.bottleneck, out, bias=True)
        dims_big, dims_small = big.film_channels(layer), small.film_channels(layer)
        for name, film in big.films:
            # scale (and shift) rows of the condition's 1x1: the leading ones, as NAM Core
            rows = 2 if film.shift else 1
            s.conv(cond, rows * dims_big[name], cond, rows * dims_small[name], bias=True)
    s.conv(
        big.head_input_size,
        big.head_size,
        small.head_input_size,
        small.head_size,
        bias=big.head_bias,
    )
