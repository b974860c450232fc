"""A job's wall-clock budget: a base plus time in proportion to its audio and model cost.

A render that outlives its budget is stopped at its next cancel check and fails for good
(no redelivery: a second try would take as long). The budget is generous: a standard
capture renders at 15 to 45 times real time on one slow core, and the budget allows
`SECONDS_PER_AUDIO_SECOND` seconds per second of audio per chain at that cost, more for
costlier models (in proportion to their multiply-adds per second of audio).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from gts_engine.prepare import PreparedAmp, PreparedJob
from gts_nam.cost import model_cost

# Fetching, montage, pictures and uploads of any job.
BASE_SECONDS = 120.0
# Seconds allowed per second of audio per chain of the reference cost.
SECONDS_PER_AUDIO_SECOND = 4.0
# The reference: the standard WaveNet (13,320 multiply-adds per sample) at 48 kHz.
REFERENCE_MULTIPLY_ADDS_PER_SECOND = 13_320 * 48_000


def chain_costs(job: PreparedJob) -> list[float]:
    """Each chain's cost in reference units (at least 1: effects, IRs and video cost too)."""
    costs = []
    for chain in job.chains:
        per_second = sum(
            model_cost(b.nam.config).multiply_adds_per_sample * b.nam.sample_rate
            for b in chain.blocks
            if isinstance(b, PreparedAmp)
        )
        costs.append(max(1.0, per_second / REFERENCE_MULTIPLY_ADDS_PER_SECOND))
    return costs


@dataclass
class JobBudget:
    """The budget of one job, from its start; grows as each DI's render is prepared.

    `factor` scales the whole budget (the `render_budget_factor` setting).
    """

    factor: float = 1.0
    clock: Callable[[], float] = time.monotonic
    started: float = field(init=False)
    seconds: float = field(init=False)
    chains: int = field(init=False, default=0)
    audio_seconds: float = field(init=False, default=0.0)

    def __post_init__(self) -> None:
        self.started = self.clock()
        self.seconds = BASE_SECONDS * self.factor

    def add(self, job: PreparedJob) -> None:
        """Allow for the render of `job` (one DI through every chain)."""
        seconds = job.di.shape[0] / job.sample_rate
        self.chains = max(self.chains, len(job.chains))
        self.audio_seconds += seconds
        work = SECONDS_PER_AUDIO_SECOND * seconds * sum(chain_costs(job))
        self.seconds += work * self.factor

    def exceeded(self) -> bool:
        """Whether the job has run past its budget."""
        return self.clock() - self.started > self.seconds

    @property
    def reason(self) -> str:
        """Why the job failed, for its failed event."""
        return (
            f"render took longer than its budget of {self.seconds:.0f} s ({self.chains} "
            f"chains x {self.audio_seconds:.0f} s of audio at the models' cost)"
        )
