"""The service's durable consumers: catalog gear events and render job events."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar

from faststream.nats.annotations import NatsMessage
from sqlalchemy.ext.asyncio import AsyncSession

from gts_contracts import (
    Event,
    GearAddedV1,
    GearRemovedV1,
    GearUpdatedV1,
    RenderJobCancelledV1,
    RenderJobCompletedV1,
    RenderJobFailedV1,
    RenderJobProgressV1,
    RenderJobStartedV1,
    spec_for,
)
from gts_kit.messaging.consumer import Consumer
from gts_kit.service import ServiceContext
from shootouts.gear.read_model import apply_gear_event
from shootouts.jobs.events import apply_render_event

E = TypeVar("E", bound=Event)
SERVICE = "shootouts"
# The consumers whose events end or start a job: readers wait for them (see jobs/catch_up.py).
JOB_STATE_DURABLES = (
    "shootouts-render-started",
    "shootouts-render-completed",
    "shootouts-render-failed",
    "shootouts-render-cancelled",
)


def _idempotent(
    ctx: ServiceContext, durable: str, apply: Callable[[AsyncSession, Any], Awaitable[None]]
) -> Callable[[Any, NatsMessage], Awaitable[None]]:
    async def handle(event: Event, _msg: NatsMessage) -> None:
        assert ctx.inbox is not None
        async with ctx.db().begin() as session:
            # the claim and the effect commit together: a redelivery finds the claim and stops
            if await ctx.inbox.claim(
                session, durable, event.event_id, spec_for(type(event)).subject
            ):
                await apply(session, event)

    return handle


def _consumer(ctx: ServiceContext, durable: str, message: type[E], apply: Any) -> Consumer[E]:
    return Consumer(
        service=SERVICE,
        durable=durable,
        message_type=message,
        handler=_idempotent(ctx, durable, apply),
        max_deliver=10,
    )


def consumers(ctx: ServiceContext) -> Sequence[Consumer[Any]]:
    """One durable consumer per subject this service reads."""
    return [
        _consumer(ctx, "shootouts-gear-added", GearAddedV1, apply_gear_event),
        _consumer(ctx, "shootouts-gear-updated", GearUpdatedV1, apply_gear_event),
        _consumer(ctx, "shootouts-gear-removed", GearRemovedV1, apply_gear_event),
        _consumer(ctx, "shootouts-render-started", RenderJobStartedV1, apply_render_event),
        _consumer(ctx, "shootouts-render-progress", RenderJobProgressV1, apply_render_event),
        _consumer(ctx, "shootouts-render-completed", RenderJobCompletedV1, apply_render_event),
        _consumer(ctx, "shootouts-render-failed", RenderJobFailedV1, apply_render_event),
        _consumer(ctx, "shootouts-render-cancelled", RenderJobCancelledV1, apply_render_event),
    ]
