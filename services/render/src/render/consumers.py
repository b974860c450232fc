"""What render hears from NATS: the work queue (each job in a task of its own, fetched only
when a slot is free, with heartbeats), cancel commands heard by every replica, and
JetStream's advisory of a command that ran out of deliveries."""

from __future__ import annotations

from typing import cast

from faststream.nats.annotations import NatsMessage

from gts_contracts import spec_for
from gts_contracts.shootouts import JobCancelRequestedV1, RenderRequestedV1
from gts_kit.messaging.consumer import Consumer
from gts_kit.messaging.listeners import Listener, listener
from gts_kit.messaging.subscriptions import Subscription
from gts_kit.service import ServiceContext
from render.config import Settings
from render.jobs.cancel import cancel_heard
from render.jobs.exhausted import advisory_subject
from render.jobs.runner import dead_letter, run_delivery
from render.wiring import RenderWorker

# the work queue: one durable pull consumer shared by every render replica
DURABLE = "render-jobs"
# redelivery backoff: this many seconds times the delivery number
RETRY_DELAY_SECONDS = 1.0


def consumers(ctx: ServiceContext) -> list[Subscription]:
    """The service's subscriptions; what they use is the process's `RenderWorker`."""
    settings = cast(Settings, ctx.settings)
    worker = ctx.parts.put(RenderWorker())

    async def handle(command: RenderRequestedV1, msg: NatsMessage) -> None:
        await run_delivery(command, msg, await worker.ready())

    async def dead(command: RenderRequestedV1 | None, reason: str, body: bytes) -> None:
        await dead_letter(command, reason, body, await worker.ready())

    async def on_cancel(command: JobCancelRequestedV1) -> None:
        deps = await worker.ready()
        await cancel_heard(command, deps.states, deps.running)

    async def on_advisory(data: bytes) -> None:
        await worker.ready()
        assert worker.exhausted is not None
        await worker.exhausted.on_advisory(data)

    stream = spec_for(RenderRequestedV1).stream
    assert stream is not None
    return [
        Consumer(
            service="render",
            durable=DURABLE,
            message_type=RenderRequestedV1,
            handler=handle,
            max_deliver=settings.render_max_deliver,
            ack_wait_seconds=settings.render_ack_wait_seconds,
            retry_delay_seconds=RETRY_DELAY_SECONDS,
            on_dead_letter=dead,
            max_workers=settings.concurrency,
            long_running=True,
            heartbeat_seconds=max(settings.render_ack_wait_seconds / 4.0, 0.5),
            in_flight=worker.in_flight,
        ),
        listener("render", JobCancelRequestedV1, on_cancel, from_stream=True),
        Listener("render", advisory_subject(stream, DURABLE), on_advisory),
    ]
