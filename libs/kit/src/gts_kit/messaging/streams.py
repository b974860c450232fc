"""Declare the JetStream streams of the contracts: one per producer, deduplicating by message id,
each bounded in bytes and in age.

What happens at a limit is chosen per stream so that nothing a consumer still needs is lost
without a trace:

- AUTH, CATALOG and SHOOTOUTS are fed by their producers' outboxes: when one is full it
  refuses new publishes (discard new); the outbox keeps the row and retries, and publishing
  resumes as the oldest events pass their age limit. SHOOTOUTS holds the render work queue,
  which must never drop a command.
- RENDER is published by render workers directly (no outbox): when it is full the oldest
  events, long consumed by shootouts, are dropped (discard old) so renders never stall.

Every limit can be changed per stream (`GTS_STREAM_MAX_BYTES`, `GTS_STREAM_MAX_AGE_SECONDS`,
JSON maps by stream name); a running stream is brought to the configured limits on start.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, replace

from nats.js import JetStreamContext
from nats.js.api import DiscardPolicy, StorageType, StreamConfig
from nats.js.errors import NotFoundError

from gts_contracts import STREAMS, StreamSpec

log = logging.getLogger("gts.streams")

DUPLICATE_WINDOW_SECONDS = 300.0
MIB = 1024 * 1024
DAY_SECONDS = 24 * 3600.0


@dataclass(frozen=True)
class StreamLimits:
    """How big and how old a stream's messages may get, and what a full stream does."""

    max_bytes: int
    max_age_seconds: float
    discard: DiscardPolicy


STREAM_LIMITS: dict[str, StreamLimits] = {
    # user events: a few hundred bytes each
    "AUTH": StreamLimits(64 * MIB, 30 * DAY_SECONDS, DiscardPolicy.NEW),
    # gear events: at most ~64 KiB each (bounded contract strings)
    "CATALOG": StreamLimits(256 * MIB, 30 * DAY_SECONDS, DiscardPolicy.NEW),
    # render commands (the work queue) and job announcements
    "SHOOTOUTS": StreamLimits(512 * MIB, 7 * DAY_SECONDS, DiscardPolicy.NEW),
    # job progress and results, consumed by shootouts as they come
    "RENDER": StreamLimits(512 * MIB, 7 * DAY_SECONDS, DiscardPolicy.OLD),
}
"""The defaults, sized so that every stream and bucket together fit a 20 GiB JetStream volume."""


def stream_limits(
    max_bytes: Mapping[str, int] | None = None, max_age_seconds: Mapping[str, float] | None = None
) -> dict[str, StreamLimits]:
    """The default limits with the configured overrides (by stream name) applied."""
    unknown = sorted({*(max_bytes or {}), *(max_age_seconds or {})} - set(STREAM_LIMITS))
    if unknown:
        raise ValueError(f"stream limits: no stream named {', '.join(unknown)}")
    limits = dict(STREAM_LIMITS)
    for name, value in (max_bytes or {}).items():
        if value <= 0:
            raise ValueError(f"stream_max_bytes: {name} must be positive")
        limits[name] = replace(limits[name], max_bytes=value)
    for name, seconds in (max_age_seconds or {}).items():
        if seconds <= 0:
            raise ValueError(f"stream_max_age_seconds: {name} must be positive")
        limits[name] = replace(limits[name], max_age_seconds=seconds)
    return limits


def stream_config(
    spec: StreamSpec, replicas: int, limits: Mapping[str, StreamLimits] | None = None
) -> StreamConfig:
    """File-backed, deduplicating within five minutes, `replicas` copies, bounded by `limits`."""
    bound = (limits or STREAM_LIMITS)[spec.name]
    return StreamConfig(
        name=spec.name,
        subjects=list(spec.subjects),
        storage=StorageType.FILE,
        duplicate_window=DUPLICATE_WINDOW_SECONDS,
        num_replicas=replicas,
        max_bytes=bound.max_bytes,
        max_age=bound.max_age_seconds,
        discard=bound.discard,
    )


async def ensure_streams(
    js: JetStreamContext, replicas: int = 1, limits: Mapping[str, StreamLimits] | None = None
) -> None:
    """Create every GTS stream that is missing and bring existing ones to the declared config."""
    for spec in STREAMS:
        config = stream_config(spec, replicas, limits)
        try:
            await js.stream_info(spec.name)
        except NotFoundError:
            await js.add_stream(config)
            log.info("created stream %s", spec.name)
        else:
            await js.update_stream(config)
