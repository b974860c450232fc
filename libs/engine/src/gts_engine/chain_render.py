"""Every chain over the passage: each distinct amp run once, the amps side by side on the
worker pool, and the rest of a chain (cab, effects, its one measuring pass) done here as soon
as its amp is.

Chains that share everything up to and including the amp (input gain, effects and captures
before it) share one render of that part, however many IRs follow. Only the passage renders,
from `PREROLL_SECONDS` plus the longest IR before it, so captures, cabs and effects are
settled at its first sample: it matches a render of the whole DI there to float rounding.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Callable, Hashable
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass

import numpy as np

from gts_engine.amp_runner import AmpInput, AmpRunner
from gts_engine.arrays import Audio
from gts_engine.cab import convolve_ir
from gts_engine.effects import apply_effect, apply_gain_db
from gts_engine.levels import ChainLevels, analyse
from gts_engine.nam.cache import model_key
from gts_engine.prepare import (
    PreparedAmp,
    PreparedChain,
    PreparedEffect,
    PreparedIR,
    PreparedJob,
)

PREROLL_SECONDS = 1.0
POST_THREADS = 2
Report = Callable[[str, float], None]


class StoppedError(Exception):
    """Another part of the job failed; this one stops at its next progress call."""


@dataclass(frozen=True, slots=True)
class RenderedChain:
    """A chain's render of the passage and its measuring pass (raw level, before matching);
    `full` is its render of the whole DI when asked for (the passage is a view of it). `owned`:
    a block after the amp made these arrays for this chain alone (no cached or shared amp
    render), so matching may scale them in place."""

    passage: Audio
    levels: ChainLevels
    full: Audio | None
    owned: bool = False


def amp_index(chain: PreparedChain) -> int:
    """Where a chain's amp is: its last capture of kind amp or amp-cab."""
    return next(
        i
        for i, b in enumerate(chain.blocks)
        if isinstance(b, PreparedAmp) and b.kind in ("amp", "amp-cab")
    )


def prefix_key(chain: PreparedChain) -> Hashable:
    """What a chain's render up to and including its amp depends on."""
    parts: list[Hashable] = [round(chain.input_gain_db, 9)]
    for block in chain.blocks[: amp_index(chain) + 1]:
        if isinstance(block, PreparedAmp):
            parts.append((model_key(block.nam), block.input_gain_db, block.output_gain_db))
        elif isinstance(block, PreparedEffect):
            parts.append((block.effect, tuple(sorted(block.params.items()))))
    return tuple(parts)


def render_region(job: PreparedJob, full: bool) -> tuple[int, int]:
    """The DI samples that render: the whole DI, or the passage and its pre-roll."""
    first, end = job.passage
    if full:
        return 0, job.di.shape[0]
    longest_ir = max(
        (b.ir.shape[0] for c in job.chains for b in c.blocks if isinstance(b, PreparedIR)),
        default=0,
    )
    preroll = round(PREROLL_SECONDS * job.sample_rate) + longest_ir
    return max(0, first - preroll), end


class ChainRenderer:
    """Renders a job's chains (see the module); `timings` has the seconds until the last amp
    was done (`amp`), and the CPU seconds of the cabs and measures beside the amps (`cab`,
    `loudness`: their wall time would count the waits for a core the amps hold)."""

    def __init__(
        self, job: PreparedJob, amp: AmpRunner, report: Report, *, side_by_side: bool
    ) -> None:
        self.job = job
        self.amp = amp
        self.report = report
        self.side_by_side = side_by_side
        self.timings: defaultdict[str, float] = defaultdict(float)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._done: dict[int, float] = {}

    def render(self, full: bool) -> list[RenderedChain]:
        """Every chain's passage render and levels, in chain order."""
        job = self.job
        region = render_region(job, full)
        groups: dict[Hashable, list[int]] = defaultdict(list)
        for ci, chain in enumerate(job.chains):
            groups[prefix_key(chain)].append(ci)
        finishing: dict[int, Future[RenderedChain]] = {}
        self.report("amp", 0.0)  # the job's amp stage starts now, not at its first progress
        started = time.perf_counter()
        # the chains after an amp finish on threads of their own (FFTs and filters free the
        # GIL), so the last amp's chains do not queue behind each other
        # side by side (a worker pool), every amp hands its pieces to the pool at once: the
        # pool takes them in order, so amps finish one after another and no worker waits
        threads = len(groups) if self.side_by_side else 1
        with (
            ThreadPoolExecutor(threads, thread_name_prefix="render-amp") as amps,
            ThreadPoolExecutor(POST_THREADS, thread_name_prefix="render-post") as post,
        ):
            futures: dict[Future[Audio], list[int]] = {
                amps.submit(self._prefix, n, job.chains[cis[0]], region, len(groups)): cis
                for n, cis in enumerate(groups.values())
            }
            try:
                for future in as_completed(futures):
                    amped = future.result()
                    for ci in futures[future]:
                        finishing[ci] = post.submit(
                            self._finish, job.chains[ci], amped, region, full
                        )
                self.timings["amp"] = time.perf_counter() - started  # the last amp is done
                out = [finishing[ci].result() for ci in range(len(job.chains))]
            except BaseException:
                self._stop.set()
                for amp in futures:
                    amp.cancel()
                for finish in finishing.values():
                    finish.cancel()
                raise
        return out

    def _progress(self, n: int, count: int) -> Callable[[float], None]:
        def progress(done: float) -> None:
            if self._stop.is_set():
                raise StoppedError("another part of this render failed")
            with self._lock:
                self._done[n] = done
                self.report("amp", sum(self._done.values()) / count)

        return progress

    def _prefix(self, n: int, chain: PreparedChain, region: tuple[int, int], count: int) -> Audio:
        """The chain's input gain, effects and captures up to its amp, over `region`."""
        job = self.job
        progress = self._progress(n, count)
        r0, r1 = region
        signal = apply_gain_db(job.di[r0:r1], chain.input_gain_db)
        for bi, block in enumerate(chain.blocks[: amp_index(chain) + 1]):
            if isinstance(block, PreparedEffect):
                signal = apply_effect(block.effect, block.params, signal, job.sample_rate)
                continue
            assert isinstance(block, PreparedAmp)
            # the first block hears the DI itself: a cache may key on the DI and the gain
            first = bi == 0
            run = AmpInput(
                block.nam,
                job.di[r0:r1] if first else signal,
                job.sample_rate,
                input_gain_db=block.input_gain_db + (chain.input_gain_db if first else 0.0),
                di_sha256=f"{job.di_sha256}:{r0}-{r1}" if first else None,
            )
            signal = self.amp(run, progress)
            signal = apply_gain_db(signal, block.output_gain_db)
        progress(1.0)
        return signal

    def _finish(
        self, chain: PreparedChain, amped: Audio, region: tuple[int, int], full: bool
    ) -> RenderedChain:
        """The chain's blocks after its amp, its passage cut out and measured."""
        started = time.thread_time()  # this thread's CPU: the work, not the wait for a core
        signal = amped
        for block in chain.blocks[amp_index(chain) + 1 :]:
            if isinstance(block, PreparedIR):
                signal = convolve_ir(signal, block.ir)
            elif isinstance(block, PreparedEffect):
                signal = apply_effect(block.effect, block.params, signal, self.job.sample_rate)
        first, end = self.job.passage
        passage = signal[first - region[0] : end - region[0]]
        measured = time.thread_time()
        levels = analyse(passage, self.job.sample_rate)
        with self._lock:
            self.timings["cab"] += measured - started
            self.timings["loudness"] += time.thread_time() - measured
        owned = not np.may_share_memory(signal, amped)
        return RenderedChain(passage, levels, signal if full else None, owned)
