"""How long a montage will be, known before anything renders.

A montage is made of pieces of the chains' renders of one passage, joined by equal-power
crossfades over `CROSSFADE_SECONDS` of the pieces' own material (so each join shortens the
whole by one crossfade). `alternate` cuts the passage into windows on a fixed grid of
`segment_seconds` (each cut then moves to a quiet moment within a quarter window of its grid
point, which changes no lengths) and plays every chain in turn in each window; `sequence`
plays each chain over the whole passage in turn, `rounds` times round.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

MontageMode = Literal["alternate", "sequence"]
MONTAGE_MODES: tuple[MontageMode, ...] = ("alternate", "sequence")
MAX_ROUNDS = 2
CROSSFADE_SECONDS = 0.010


def crossfade_samples(sample_rate: int) -> int:
    """Samples of one crossfade at `sample_rate` Hz (at least 2)."""
    return max(2, round(CROSSFADE_SECONDS * sample_rate))


def grid_points(length: int, segment: int) -> list[int]:
    """The nominal cut points (samples) of an `alternate` montage over `length` samples with
    windows of `segment` samples: every whole window, while the tail keeps half a window."""
    if segment <= 0:
        raise ValueError("segment: must be positive")
    return [
        k * segment for k in range(1, length // segment + 1) if k * segment + segment // 2 <= length
    ]


def passage_bounds(
    frames: int, sample_rate: int, start_seconds: float, end_seconds: float | None
) -> tuple[int, int]:
    """The passage of a recording of `frames` samples as (first, end) samples; `end_seconds`
    None (or past the end) means to the end."""
    first = min(max(round(start_seconds * sample_rate), 0), frames)
    end = (
        frames if end_seconds is None else min(max(round(end_seconds * sample_rate), first), frames)
    )
    return first, end


@dataclass(frozen=True, slots=True)
class MontagePlan:
    """A montage's shape: how many pieces it has and its length in samples."""

    pieces: int
    samples: int
    sample_rate: int

    @property
    def seconds(self) -> float:
        """The montage's length in seconds."""
        return self.samples / self.sample_rate


def plan_montage(
    passage_samples: int,
    chains: int,
    sample_rate: int,
    *,
    mode: MontageMode = "alternate",
    segment_seconds: float = 4.0,
    rounds: int = 1,
) -> MontagePlan:
    """The shape of the montage of `chains` renders of a passage of `passage_samples` samples."""
    if chains < 1 or passage_samples < 1:
        raise ValueError("a montage needs at least one chain and one sample")
    if mode == "sequence":
        if not 1 <= rounds <= MAX_ROUNDS:
            raise ValueError(f"rounds: {rounds}; 1 to {MAX_ROUNDS} are allowed")
        pieces = chains * rounds
        total = pieces * passage_samples
    else:
        segment = round(segment_seconds * sample_rate)
        windows = 1 + len(grid_points(passage_samples, segment))
        pieces = windows * chains
        total = chains * passage_samples
    return MontagePlan(pieces, total - (pieces - 1) * crossfade_samples(sample_rate), sample_rate)
