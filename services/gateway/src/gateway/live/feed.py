"""The NATS side of live updates: job changes and listening results as shootouts recorded
them, routed by owner and by job or shootout.

The feeds are `shootouts.job.updated.v1` (not render's own events) and
`shootouts.listening.updated.v1`: each is published in the transaction that applied the
change, so a client told "completed" reads "completed" at once, and one told of a vote reads
results that count it.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

import msgspec
from nats.aio.msg import Msg

from gateway.live.hub import LiveHub
from gts_contracts import JobUpdatedV1, ListeningUpdatedV1, decode, spec_for
from gts_kit.service import ServiceContext

log = logging.getLogger("gts.gateway.live")

SUBJECT = spec_for(JobUpdatedV1).subject
LISTENING_SUBJECT = spec_for(ListeningUpdatedV1).subject


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


@contextlib.asynccontextmanager
async def live_feed(ctx: ServiceContext) -> AsyncIterator[None]:
    """Subscribe to job changes and listening updates for as long as the gateway runs."""
    hub = LiveHub()
    ctx.extras["live_hub"] = hub

    async def on_job(msg: Msg) -> None:
        try:
            update = decode(msg.data, JobUpdatedV1)
        except ValueError as exc:
            log.warning("ignoring undecodable job update: %s", exc)
            return
        hub.dispatch(update.owner_id, update.job_id, client_event(update))

    async def on_listening(msg: Msg) -> None:
        try:
            update = decode(msg.data, ListeningUpdatedV1)
        except ValueError as exc:
            log.warning("ignoring undecodable listening update: %s", exc)
            return
        hub.dispatch_shootout(update.owner_id, update.shootout_id, listening_event(update))

    connection = ctx.broker.connection
    subscriptions = [
        await connection.subscribe(SUBJECT, cb=on_job),
        await connection.subscribe(LISTENING_SUBJECT, cb=on_listening),
    ]
    try:
        yield
    finally:
        for subscription in subscriptions:
            with contextlib.suppress(Exception):
                await subscription.unsubscribe()
