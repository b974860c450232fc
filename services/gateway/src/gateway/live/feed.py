"""The NATS side of live updates: job changes and listening results as shootouts recorded
them, routed by owner and by job or shootout.

The feeds are `shootouts.job.updated.v1` (not render's own events) and
`shootouts.listening.updated.v1`: each is published in the transaction that applied the
change, so a client told "completed" reads "completed" at once, and one told of a vote reads
results that count it.
"""

from __future__ import annotations

from typing import Any

import msgspec

from gateway.live.hub import LiveHub
from gts_contracts import JobUpdatedV1, ListeningUpdatedV1
from gts_kit.messaging.listeners import Listener, listener
from gts_kit.service import ServiceContext


def client_event(update: JobUpdatedV1) -> dict[str, Any]:
    """What a socket receives: what happened (`progress`, `completed`...) and the job's state."""
    payload: dict[str, Any] = msgspec.to_builtins(update)
    return {"event": update.change, **payload}


def listening_event(update: ListeningUpdatedV1) -> dict[str, Any]:
    """What a socket following the shootout receives: what changed (`vote`, `abx`) and the
    shootout's votes and finished ABX runs now."""
    return {
        "event": "listening",
        "shootout_id": str(update.shootout_id),
        "change": update.change,
        "votes": update.votes,
        "abx_finished": update.abx_finished,
    }


def live_feeds(ctx: ServiceContext) -> list[Listener]:
    """Hear job changes and listening updates on every gateway replica, for its sockets."""
    hub = ctx.parts.put(LiveHub())

    async def on_job(update: JobUpdatedV1) -> None:
        hub.dispatch(update.owner_id, update.job_id, client_event(update))

    async def on_listening(update: ListeningUpdatedV1) -> None:
        hub.dispatch_shootout(update.owner_id, update.shootout_id, listening_event(update))

    return [
        listener("gateway", JobUpdatedV1, on_job),
        listener("gateway", ListeningUpdatedV1, on_listening),
    ]
