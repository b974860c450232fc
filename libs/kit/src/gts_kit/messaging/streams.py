"""Declare the JetStream streams of the contracts: one per producer, deduplicating by message id."""

from __future__ import annotations

import logging

from nats.js import JetStreamContext
from nats.js.api import StorageType, StreamConfig
from nats.js.errors import NotFoundError

from gts_contracts import STREAMS, StreamSpec

log = logging.getLogger("gts.streams")

DUPLICATE_WINDOW_SECONDS = 300.0


def stream_config(spec: StreamSpec, replicas: int) -> StreamConfig:
    """File-backed, deduplicating within five minutes, `replicas` copies."""
    return StreamConfig(
        name=spec.name,
        subjects=list(spec.subjects),
        storage=StorageType.FILE,
        duplicate_window=DUPLICATE_WINDOW_SECONDS,
        num_replicas=replicas,
    )


async def ensure_streams(js: JetStreamContext, replicas: int = 1) -> None:
    """Create every GTS stream that is missing and bring existing ones to the declared config."""
    for spec in STREAMS:
        config = stream_config(spec, replicas)
        try:
            await js.stream_info(spec.name)
        except NotFoundError:
            await js.add_stream(config)
            log.info("created stream %s", spec.name)
        else:
            await js.update_stream(config)
