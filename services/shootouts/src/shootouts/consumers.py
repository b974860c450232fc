"""The service's durable consumers: catalog gear events and render job events."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar

from faststream.nats.annotations import NatsMessage
from sqlalchemy.ext.asyncio import AsyncSession

from gts_contracts import Event, GearAddedV1, GearRemovedV1, GearUpdatedV1, spec_for
from gts_kit.messaging.consumer import Consumer
from gts_kit.service import ServiceContext
from shootouts.gear.read_model import apply_gear_event
from shootouts.jobs.events import CHANGES, apply_render_event

E = TypeVar("E", bound=Event)
SERVICE = "shootouts"


Apply = Callable[[AsyncSession, Any], Awaitable[None]]


def _idempotent(
    ctx: ServiceContext, durable: str, apply: Apply
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


def _consumer(ctx: ServiceContext, durable: str, message: type[E], apply: Apply) -> Consumer[E]:
    return Consumer(
        service=SERVICE,
        durable=durable,
        message_type=message,
        handler=_idempotent(ctx, durable, apply),
        max_deliver=10,
    )


def consumers(ctx: ServiceContext, in_flight: int = 1) -> Sequence[Consumer[Any]]:
    """One durable consumer per subject this service reads; `in_flight` render commands per
    user at once (see jobs.dispatch)."""
    assert ctx.outbox is not None
    outbox = ctx.outbox

    async def apply_render(session: AsyncSession, event: Any) -> None:
        await apply_render_event(session, event, outbox, in_flight)

    return [
        _consumer(ctx, "shootouts-gear-added", GearAddedV1, apply_gear_event),
        _consumer(ctx, "shootouts-gear-updated", GearUpdatedV1, apply_gear_event),
        _consumer(ctx, "shootouts-gear-removed", GearRemovedV1, apply_gear_event),
        *(
            _consumer(ctx, f"shootouts-render-{change}", message, apply_render)
            for message, change in CHANGES.items()
        ),
    ]
