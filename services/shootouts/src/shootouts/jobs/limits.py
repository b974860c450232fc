"""The per-user limits on render jobs."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RenderLimits:
    """Per user: commands in render's queue at once (see jobs.dispatch), unfinished jobs
    (the `queued_renders` quota), and submissions a minute after a burst of `burst`."""

    in_flight: int = 1
    queued: int = 10
    per_minute: int = 10
    burst: int = 5
