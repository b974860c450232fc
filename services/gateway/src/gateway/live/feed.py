"""The NATS side of live progress: every render job event, routed by owner and job."""

from __future__ import annotations

import contextlib
import logging
import uuid
from collections.abc import AsyncIterator
from typing import Any

import msgspec
from nats.aio.msg import Msg

from gateway.live.hub import LiveHub
from gts_contracts import decode, spec_for_subject
from gts_kit.service import ServiceContext

log = logging.getLogger("gts.gateway.live")

SUBJECT = "render.job.>"


def client_event(subject: str, payload: dict[str, Any]) -> dict[str, Any]:
    """What a socket receives: the event's kind (`progress`, `completed`...) and its fields."""
    kind = subject.split(".")[2] if subject.count(".") >= 3 else subject
    return {"event": kind, "subject": subject, **payload}


@contextlib.asynccontextmanager
async def live_feed(ctx: ServiceContext) -> AsyncIterator[None]:
    """Subscribe to render job events for as long as the gateway runs."""
    hub = LiveHub()
    ctx.extras["live_hub"] = hub

    async def on_message(msg: Msg) -> None:
        try:
            event = decode(msg.data, spec_for_subject(msg.subject).type)
            payload: dict[str, Any] = msgspec.to_builtins(event)
            owner, job = uuid.UUID(str(payload["owner_id"])), uuid.UUID(str(payload["job_id"]))
        except (KeyError, ValueError) as exc:
            log.warning("ignoring undecodable live event on %s: %s", msg.subject, exc)
            return
        hub.dispatch(owner, job, client_event(msg.subject, payload))

    subscription = await ctx.broker.connection.subscribe(SUBJECT, cb=on_message)
    try:
        yield
    finally:
        with contextlib.suppress(Exception):
            await subscription.unsubscribe()
