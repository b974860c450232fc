"""The convolutions of A2 WaveNet inference, read from a .nam file's flat weight list.

Each convolution with a kernel keeps the tail of its input as history, and runs over a
block as one matrix product of its taps stacked over the delayed inputs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gts_engine.arrays import Floats
from gts_nam.a2_layers import Film

# The input history of each convolution with a kernel, by the convolution's id.
State = dict[int, Floats]

_F = np.float32


class WeightReader:
    """Reads the flat weight list in order."""

    def __init__(self, weights: Floats) -> None:
        self._w = weights
        self._at = 0

    def take(self, n: int) -> Floats:
        out = self._w[self._at : self._at + n]
        if out.shape[0] != n:
            raise ValueError("weights: fewer than the config needs")
        self._at += n
        return out

    def done(self) -> None:
        if self._at != self._w.shape[0]:
            raise ValueError(f"weights: {self._w.shape[0]} given, {self._at} used")


@dataclass(frozen=True, slots=True)
class CausalConv:
    """A causal grouped convolution as dense per-tap matrices (zeros off the groups).

    Tap k multiplies the input delayed by dilation * (K - 1 - k); over a block each tap
    is one matrix product on a view of the input and its history.
    """

    taps: tuple[Floats, ...]  # each (out, in)
    bias: Floats | None
    dilation: int

    @staticmethod
    def read(
        w: WeightReader,
        cin: int,
        cout: int,
        kernel: int,
        groups: int,
        *,
        bias: bool,
        dilation: int = 1,
    ) -> CausalConv:
        opg, ipg = cout // groups, cin // groups
        dense = np.zeros((kernel, cout, cin), dtype=_F)
        for g in range(groups):
            block = w.take(opg * ipg * kernel).reshape(opg, ipg, kernel)
            dense[:, g * opg : (g + 1) * opg, g * ipg : (g + 1) * ipg] = block.transpose(2, 0, 1)
        b = w.take(cout).copy() if bias else None
        return CausalConv(tuple(np.ascontiguousarray(t) for t in dense), b, dilation)

    def __call__(self, x: Floats, state: State | None = None) -> Floats:
        """(in, n) to (out, n); the input before x is `state`'s history of this conv
        (zeros where it holds none), and the state keeps x's tail for the next call."""
        kernel = len(self.taps)
        if kernel == 1:
            out: Floats = self.taps[0] @ x
        else:
            cin, n = x.shape
            span = self.dilation * (kernel - 1)
            past = None if state is None else state.get(id(self))
            if past is None:
                past = np.zeros((cin, span), dtype=_F)
            full = np.concatenate([past, x], axis=1)
            if state is not None:
                state[id(self)] = full[:, n:]
            out = self.taps[0] @ full[:, :n]
            product = np.empty_like(out)
            for i in range(1, kernel):
                start = i * self.dilation
                np.matmul(self.taps[i], full[:, start : start + n], out=product)
                out += product
        if self.bias is not None:
            out += self.bias[:, None]
        return out


@dataclass(frozen=True, slots=True)
class FilmModulation:
    """Scale (and shift) per channel from a 1x1 conv of the condition."""

    conv: CausalConv
    dim: int
    shift: bool

    @staticmethod
    def read(w: WeightReader, film: Film, condition_size: int, dim: int) -> FilmModulation:
        out = (2 if film.shift else 1) * dim
        conv = CausalConv.read(w, condition_size, out, 1, film.groups, bias=True)
        return FilmModulation(conv, dim, film.shift)

    def __call__(self, x: Floats, condition: Floats) -> Floats:
        ss = self.conv(condition)
        y = x * ss[: self.dim]
        if self.shift:
            y += ss[self.dim :]
        return y
