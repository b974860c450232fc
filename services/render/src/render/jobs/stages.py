"""A job's stages as it moves through them: one trace span each (children of the job's span),
and their durations in the `gts_render_stage_seconds` histogram."""

from __future__ import annotations

import threading
import time

from opentelemetry.context import Context
from opentelemetry.trace import Span, Tracer
from prometheus_client import Histogram

from gts_contracts.render import RenderStage

RENDER_STAGE_SECONDS = Histogram(
    "gts_render_stage_seconds",
    "Seconds a render job spent in each stage (fetching, amp, loudness, montage, video, upload)",
    ["stage"],
    buckets=(0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60, 120, 300, 600),
)


class JobStages:
    """Opens a stage's span when the job enters it and closes the previous one (from any
    thread: the engine reports from its own)."""

    def __init__(self, tracer: Tracer, job: Context) -> None:
        self._tracer = tracer
        self._job = job
        self._lock = threading.Lock()
        self._current: tuple[RenderStage, Span, float] | None = None

    def enter(self, stage: RenderStage) -> None:
        """The job is now in `stage`."""
        with self._lock:
            if self._current is not None and self._current[0] == stage:
                return
            self._end()
            span = self._tracer.start_span(
                f"render.{stage}", context=self._job, attributes={"gts.stage": stage}
            )
            self._current = (stage, span, time.perf_counter())

    def close(self) -> None:
        """The job ended: close the stage it was in."""
        with self._lock:
            self._end()
            self._current = None

    def _end(self) -> None:
        if self._current is None:
            return
        stage, span, started = self._current
        span.end()
        RENDER_STAGE_SECONDS.labels(stage).observe(time.perf_counter() - started)
