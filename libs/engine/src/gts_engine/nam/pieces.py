"""Pieces of a file rendered apart, equal to one pass up to rounding.

A model without recurrent state (a WaveNet A1 or A2, a container's selected submodel, a
ConvNet, a Linear) has an output at t that depends on input t - receptive_field + 1 .. t
only, so each piece starts receptive_field - 1 samples early and drops that warm-up (an
LSTM, or anything with one inside, keeps state and runs in one pass). The arithmetic is
then the same as one pass except for float32 rounding: a BLAS kernel may sum a column's
products in an order that depends on where the column sits in the matrix (OpenBLAS's
Haswell kernel does), so split and block size agree to about 1e-7, not bit for bit.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from gts_engine.arrays import Floats
from gts_engine.nam.model import load_model
from gts_nam import NamFile


@dataclass(frozen=True, slots=True)
class Piece:
    """Output samples [start, stop) computed from input [start - warmup, stop)."""

    start: int
    stop: int
    warmup: int


def plan_pieces(n: int, receptive_field: int, count: int) -> list[Piece]:
    """Split n samples into `count` contiguous pieces with their warm-up lengths."""
    bounds = [n * i // count for i in range(count + 1)]
    return [
        Piece(start=a, stop=b, warmup=min(a, receptive_field - 1))
        for a, b in itertools.pairwise(bounds)
        if b > a
    ]


def piece_input(u: Floats, piece: Piece) -> Floats:
    """The input a piece renders from: its samples and its warm-up before them."""
    return u[piece.start - piece.warmup : piece.stop]


def splittable(nam: NamFile) -> bool:
    """True when `nam`'s output depends on a finite window of input (not an LSTM's state)."""
    return not nam.is_lstm


def render_segment(nam: NamFile, block: int | None, segment: Floats, warmup: int) -> Floats:
    """Run `segment` through a fresh model and drop its first `warmup` outputs.

    Runs in worker processes, so it needs only numpy and the model's modules.
    """
    if not splittable(nam):
        raise TypeError("architecture: an LSTM keeps state, it cannot be split")
    model = load_model(nam, block)
    # A full warm-up overwrites whatever history the stream starts with: no need to prime.
    stream = model.stream(prime=warmup < model.receptive_field - 1)
    y = np.empty_like(segment)
    step = model.block
    for start in range(0, segment.shape[0], step):
        stream.process_block(segment[start : start + step], y[start : start + step])
    return y[warmup:]
