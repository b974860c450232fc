"""The A/B montage: windows cut at quiet moments (or the whole passage), every chain in turn,
equal-power crossfades."""

from __future__ import annotations

import itertools
import random
import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from gts_audio.montage_plan import (
    MAX_ROUNDS,
    MONTAGE_MODES,
    MontageMode,
    crossfade_samples,
    grid_points,
)
from gts_engine.arrays import Audio

SEARCH_SECONDS = 1.0
RMS_WINDOW_SECONDS = 0.050
_HOP_SECONDS = 0.001


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One piece of the montage: `chain` (index) plays from `start` to `end` (montage samples).

    `source_start`/`source_end` are the matching samples of the chain's full render. The
    switch from one piece to the next is the centre of their crossfade.
    """

    chain: int
    label: str
    window: int
    start: int
    end: int
    source_start: int
    source_end: int


@dataclass(frozen=True, slots=True)
class Montage:
    """The montage audio (mono float32), its timeline and labels; `blind_key` maps label->name."""

    audio: Audio
    sample_rate: int
    timeline: list[TimelineEntry]
    windows: list[tuple[int, int]]
    labels: list[str]
    blind_key: dict[str, str] | None


def short_term_rms(chains: Sequence[Audio], sample_rate: int) -> tuple[Audio, int]:
    """RMS over 50 ms of the chains' mean power, every 1 ms; returns (values, hop in samples)."""
    hop = max(1, round(_HOP_SECONDS * sample_rate))
    length = min(c.shape[0] for c in chains)
    frames = length // hop
    power = np.zeros(frames, dtype=np.float64)
    for c in chains:
        x = c[: frames * hop].reshape(frames, hop)
        power += np.einsum("ij,ij->i", x, x)  # a hop's sum of squares, without a copy
    power /= len(chains) * hop
    width = max(1, round(RMS_WINDOW_SECONDS / _HOP_SECONDS))
    kernel = np.ones(width) / width
    return np.sqrt(np.convolve(power, kernel, mode="same")).astype(np.float32), hop


def find_cut_points(chains: Sequence[Audio], sample_rate: int, segment_seconds: float) -> list[int]:
    """Window boundaries (samples): each point of the montage plan's grid (every
    `segment_seconds`, while the tail keeps half a window) moved to the quietest moment within
    +-1 s (at most a quarter window) of it, by the chains' short-term RMS. On a fixed grid the
    number of windows, hence the montage's length, is known before anything renders.
    """
    length = min(c.shape[0] for c in chains)
    segment = round(segment_seconds * sample_rate)
    search = min(round(SEARCH_SECONDS * sample_rate), segment // 4)
    rms, hop = short_term_rms(chains, sample_rate)
    cuts: list[int] = []
    for nominal in grid_points(length, segment):
        lo, hi = nominal - search, min(nominal + search, length - segment // 2)
        f_lo, f_hi = lo // hop, min(hi // hop, rms.shape[0] - 1)
        if f_hi >= f_lo:
            frame = f_lo + int(np.argmin(rms[f_lo : f_hi + 1]))
            cuts.append(min(max(frame * hop + hop // 2, lo), hi))
        else:
            cuts.append(nominal)
    return cuts


def equal_power_fades(length: int) -> tuple[Audio, Audio]:
    """Fade-in and fade-out gains over `length` samples whose squares sum to one everywhere."""
    phase = (np.arange(length, dtype=np.float64) + 0.5) / length * (np.pi / 2.0)
    return np.sin(phase).astype(np.float32), np.cos(phase).astype(np.float32)


def _place(dst: Audio, src: Audio, head: int, fade_in: Audio, fade_out: Audio | None) -> None:
    """Write a piece into its place `dst`, whose first `head` samples already hold the faded
    tail of the piece before: its own start fades in over them (`fade_in`, when `head`) and
    its end fades out (`fade_out`, when given). No copy of the piece is made."""
    n, xf = src.shape[0], fade_in.shape[0]
    tail = 0 if fade_out is None else xf
    if n < head + tail:  # fades that overlap: apply both to a copy
        piece = src.copy()
        if head:
            piece[:head] *= fade_in
        if fade_out is not None:
            piece[n - xf :] *= fade_out
        dst[:head] += piece[:head]
        dst[head:] = piece[head:]
        return
    dst[head : n - tail] = src[head : n - tail]
    if head:
        dst[:head] += src[:head] * fade_in
    if fade_out is not None:
        np.multiply(src[n - xf :], fade_out, out=dst[n - xf :])


def _labels(names: Sequence[str], blind: bool, rng: random.Random) -> list[str]:
    if not blind:
        return list(names)
    letters = list(string.ascii_uppercase[: len(names)])
    rng.shuffle(letters)
    return letters


def build_montage(
    chains: Sequence[Audio],
    names: Sequence[str],
    sample_rate: int,
    segment_seconds: float = 4.0,
    *,
    mode: MontageMode = "alternate",
    rounds: int = 1,
    blind: bool = False,
    seed: int | None = None,
    allocate: Callable[[int], Audio] | None = None,
) -> Montage:
    """Join pieces of the chains (same length, mono, sample_rate Hz) by 10 ms equal-power
    crossfades over the pieces' own material; each switch point in the timeline is the
    centre of its crossfade. `alternate`: windows of about `segment_seconds`, each playing
    every chain in turn; `sequence`: each chain plays the whole passage in turn, `rounds`
    times round. Chain order, or shuffled per window (round) when `blind`. The length is
    `gts_audio.montage_plan.plan_montage`'s. `allocate(n)` gives the memory the montage's n
    samples are written in (default: a new array).
    """
    if not chains:
        raise ValueError("chains: at least one chain is needed for a montage")
    if blind and len(chains) > len(string.ascii_uppercase):
        raise ValueError(f"chains: {len(chains)} chains; a blind montage labels at most 26")
    if mode not in MONTAGE_MODES:
        raise ValueError(f"mode: {mode!r}; one of {', '.join(MONTAGE_MODES)}")
    if not 1 <= rounds <= (MAX_ROUNDS if mode == "sequence" else 1):
        raise ValueError(f"rounds: {rounds}; only a sequence montage goes round twice")
    length = min(c.shape[0] for c in chains)
    if mode == "sequence":
        windows = [(0, length)] * rounds
    else:
        bounds = [0, *find_cut_points(chains, sample_rate, segment_seconds), length]
        windows = list(itertools.pairwise(bounds))
    rng = random.Random(seed)
    labels = _labels(names, blind, rng)
    pieces: list[tuple[int, int, int, int]] = []  # chain, window, source start, source end
    for w, (start, end) in enumerate(windows):
        order = list(range(len(chains)))
        if blind:
            rng.shuffle(order)
        pieces.extend((c, w, start, end) for c in order)
    xf = crossfade_samples(sample_rate)
    half = xf // 2
    fade_in, fade_out = equal_power_fades(xf)
    # consecutive pieces overlap by xf samples of their own material (no padding needed)
    offsets = [0]
    for _, _, start, end in pieces[:-1]:
        offsets.append(offsets[-1] + (end - start) - xf)
    total = offsets[-1] + pieces[-1][3] - pieces[-1][2]
    audio = np.empty(total, dtype=np.float32) if allocate is None else allocate(total)
    timeline: list[TimelineEntry] = []
    for p, (c, w, start, end) in enumerate(pieces):
        head = xf if p > 0 else 0  # the samples it shares with the piece before
        _place(audio[offsets[p] : offsets[p] + end - start], chains[c][start:end], head,
               fade_in, None if p == len(pieces) - 1 else fade_out)  # fmt: skip
        # the switch to a piece is the centre of the crossfade that brings it in
        first = offsets[p] + half if p > 0 else 0
        last = offsets[p + 1] + half if p < len(pieces) - 1 else total
        source = start + first - offsets[p]
        timeline.append(TimelineEntry(c, labels[c], w, first, last, source, source + last - first))
    key = dict(zip(labels, names, strict=True)) if blind else None
    return Montage(audio, sample_rate, timeline, windows, labels, key)
