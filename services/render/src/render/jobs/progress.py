"""Job progress: the engine's per-DI fractions folded into one monotonic percent, throttled."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable
from typing import cast

from gts_contracts.render import RenderStage

# Share of the whole job (percent) before and after the engine's work.
FETCH_END = 5.0
RENDER_END = 90.0
# At most this many progress events a second.
EVENTS_PER_SECOND = 4.0

Publish = Callable[[RenderStage, float], Awaitable[None]]


class JobProgress:
    """Collects progress from any thread; `run` publishes the latest at most a few times a second.

    The percent never goes down, and a stage is only reported with the percent it reached.
    """

    def __init__(
        self, di_count: int, on_stage: Callable[[RenderStage], None] | None = None
    ) -> None:
        self.di_count = max(di_count, 1)
        self._on_stage = on_stage
        self._lock = threading.Lock()
        self._stage: RenderStage = "fetching"
        self._percent = 0.0
        self._published: tuple[RenderStage, float] | None = None

    @property
    def latest(self) -> tuple[RenderStage, float]:
        """The stage and percent (0..100) reached so far."""
        with self._lock:
            return self._stage, self._percent

    def update(self, stage: RenderStage, percent: float) -> None:
        """Record `stage` at `percent` of the whole job (ignored when it would go back); tell
        `on_stage` which stage the job is in."""
        with self._lock:
            if percent + 1e-9 < self._percent:
                return
            self._stage, self._percent = stage, min(max(percent, 0.0), 100.0)
        if self._on_stage is not None:
            self._on_stage(stage)

    def fetching(self, fraction: float) -> None:
        """Blobs fetched so far, 0..1."""
        self.update("fetching", FETCH_END * fraction)

    def engine(self, di_index: int) -> Callable[[str, float], None]:
        """The engine's progress callback for DI number `di_index` (from 0)."""
        span = (RENDER_END - FETCH_END) / self.di_count

        def report(stage: str, fraction: float) -> None:
            self.update(cast("RenderStage", stage), FETCH_END + span * (di_index + fraction))

        return report

    def upload(self, fraction: float) -> None:
        """Outputs stored so far, 0..1."""
        self.update("upload", RENDER_END + (100.0 - RENDER_END) * fraction)

    async def flush(self, publish: Publish) -> None:
        """Publish the latest state if it changed since the last publish."""
        state = self.latest
        if state != self._published:
            self._published = state
            await publish(*state)

    async def run(self, publish: Publish) -> None:
        """Publish changes until cancelled, at most EVENTS_PER_SECOND a second."""
        while True:
            await self.flush(publish)
            await asyncio.sleep(1.0 / EVENTS_PER_SECOND)
