"""The NATS side of live progress: job changes as shootouts recorded them, routed by owner and job.

The feed is `shootouts.job.updated.v1` (not render's own events): it is published in the
transaction that applied the change, so a client told "completed" reads "completed" at once.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

import msgspec
from nats.aio.msg import Msg

from gateway.live.hub import LiveHub
from gts_contracts import JobUpdatedV1, decode, spec_for
from gts_kit.service import ServiceContext

log = logging.getLogger("gts.gateway.live")

SUBJECT = spec_for(JobUpdatedV1).subject


def client_event(update: JobUpdatedV1) -> dict[str, Any]:
    """What a socket receives: what happened (`progress`, `completed`...) and the job's state."""
    payload: dict[str, Any] = msgspec.to_builtins(update)
    return {"event": update.change, **payload}


@contextlib.asynccontextmanager
async def live_feed(ctx: ServiceContext) -> AsyncIterator[None]:
    """Subscribe to job changes for as long as the gateway runs."""
    hub = LiveHub()
    ctx.extras["live_hub"] = hub

    async def on_message(msg: Msg) -> None:
        try:
            update = decode(msg.data, JobUpdatedV1)
        except ValueError as exc:
            log.warning("ignoring undecodable job update: %s", exc)
            return
        hub.dispatch(update.owner_id, update.job_id, client_event(update))

    subscription = await ctx.broker.connection.subscribe(SUBJECT, cb=on_message)
    try:
        yield
    finally:
        with contextlib.suppress(Exception):
            await subscription.unsubscribe()
