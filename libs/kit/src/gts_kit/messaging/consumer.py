"""Durable JetStream consumers with explicit ack, bounded redelivery and a visible dead letter.

A handler settles its message by how it returns: normally (ack), raising `RejectError` (the
message can never succeed and its outcome is recorded: ended now), raising `RequeueError` (handed
back at once, as when the replica stops), or raising anything else (retried after a growing
delay, dead-lettered after the last delivery). Long work (`long_running`) runs in a task of
its own with heartbeats, and the next message is fetched only when a worker is free, so no
replica holds messages it cannot start.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

import msgspec
from faststream.middlewares import AckPolicy
from faststream.nats import JStream, NatsBroker, PullSub
from faststream.nats.annotations import NatsMessage
from nats.js.api import AckPolicy as JsAckPolicy
from nats.js.api import ConsumerConfig, DeliverPolicy

from gts_contracts import Event, decode, spec_for
from gts_contracts.permissions import inbox_prefix
from gts_kit.http.metrics import CONSUMER_DEAD_LETTERS, CONSUMER_FAILURES, CONSUMER_PROCESSED

log = logging.getLogger("gts.consumer")

E = TypeVar("E", bound=Event)

Handler = Callable[[E, NatsMessage], Awaitable[None]]
# the decoded message (None when it did not decode), why, and its body
DeadLetter = Callable[[E | None, str, bytes], Awaitable[None]]


class RejectError(Exception):
    """Raised by a handler: the message can never succeed and its outcome is recorded; it
    is ended now, without retries or the dead-letter hook."""


class RequeueError(Exception):
    """Raised by a handler: hand the message back at once for any replica (this one stops)."""


class InFlight:
    """The tasks of a `long_running` consumer's messages in this process, and whether the
    service is closing (no message is started any more)."""

    def __init__(self) -> None:
        self.tasks: set[asyncio.Task[None]] = set()
        self.closing = asyncio.Event()

    def __len__(self) -> int:
        return len(self.tasks)

    async def drain(self) -> None:
        """Wait for every message being handled here to be settled."""
        if self.tasks:
            await asyncio.gather(*self.tasks, return_exceptions=True)


@dataclass(frozen=True)
class Consumer(Generic[E]):
    """One durable consumer: which message, who handles it, how often it may be retried."""

    service: str
    durable: str
    message_type: type[E]
    handler: Handler[E]
    max_deliver: int = 5
    ack_wait_seconds: float = 30.0
    # Redelivery backoff per attempt (seconds); grows linearly up to the last delivery.
    retry_delay_seconds: float = 0.5
    on_dead_letter: DeadLetter[E] | None = None
    # Messages of this consumer handled at once in one process; with 1, one at a time in
    # stream order.
    max_workers: int = 1
    # Work that takes long: each message in a task of its own, the next fetched only when one
    # of `max_workers` is free, NATS told "in progress" every `heartbeat_seconds`.
    long_running: bool = False
    heartbeat_seconds: float | None = None
    in_flight: InFlight = field(default_factory=InFlight)


def register(broker: NatsBroker, consumer: Consumer[E]) -> None:
    """Subscribe `consumer` on `broker` as a pull consumer shared by all replicas of the service."""
    spec = spec_for(consumer.message_type)
    if spec.stream is None:
        raise ValueError(f"{spec.subject} is not carried by a stream")
    config = ConsumerConfig(
        durable_name=consumer.durable,
        ack_policy=JsAckPolicy.EXPLICIT,
        deliver_policy=DeliverPolicy.ALL,
        max_deliver=consumer.max_deliver,
        ack_wait=consumer.ack_wait_seconds,
        filter_subject=spec.subject,
        max_ack_pending=1000,
    )

    if consumer.long_running:
        on_message = _one_task_each(consumer)
        workers, batch = 1, 1
    else:

        async def on_message(msg: NatsMessage) -> None:
            await _process(consumer, msg)

        workers, batch = consumer.max_workers, consumer.max_workers

    subscriber = broker.subscriber(
        spec.subject,
        stream=JStream(spec.stream, declare=False),
        durable=consumer.durable,
        config=config,
        # A fetch takes `max_workers` messages: FastStream starts a task for each message of a
        # fetched batch at once, whatever `max_workers` says, and they reach the handler in
        # any order.
        pull_sub=PullSub(batch_size=batch, timeout=2.0),
        ack_policy=AckPolicy.MANUAL,
        no_reply=True,
        max_workers=workers,
        # Fetched messages arrive in the service's own inbox, the only one its NATS user
        # (named for the service) may subscribe to.
        inbox_prefix=f"{inbox_prefix(consumer.service)}.".encode(),
    )
    subscriber(on_message)


def _one_task_each(consumer: Consumer[E]) -> Callable[[NatsMessage], Awaitable[None]]:
    """A handler for FastStream's one-at-a-time pull loop that starts each message's task
    and returns only once a worker is free again, so the loop's next fetch has a worker (or
    once the service is closing: then a message still fetched goes back at once)."""
    free = asyncio.Semaphore(consumer.max_workers)
    closing = consumer.in_flight.closing

    async def run(msg: NatsMessage) -> None:
        try:
            async with _heartbeat(msg, consumer.heartbeat_seconds):
                await _process(consumer, msg)
        finally:
            free.release()

    async def on_message(msg: NatsMessage) -> None:
        if not await _acquire_unless(free, closing):
            await msg.nack()
            return
        task = asyncio.create_task(run(msg))
        consumer.in_flight.tasks.add(task)
        task.add_done_callback(consumer.in_flight.tasks.discard)
        if await _acquire_unless(free, closing):
            free.release()

    return on_message


async def _acquire_unless(free: asyncio.Semaphore, closing: asyncio.Event) -> bool:
    """Take a worker, unless `closing` is set first; whether it took one."""
    if closing.is_set():
        return False
    acquire = asyncio.ensure_future(free.acquire())
    stop = asyncio.ensure_future(closing.wait())
    await asyncio.wait({acquire, stop}, return_when=asyncio.FIRST_COMPLETED)
    stop.cancel()
    if acquire.done() and not acquire.cancelled():
        return True
    acquire.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await acquire
    if not acquire.cancelled():  # it took the worker before the cancel landed
        free.release()
    return False


@contextlib.asynccontextmanager
async def _heartbeat(msg: NatsMessage, seconds: float | None) -> AsyncIterator[None]:
    """Tell NATS every `seconds` that `msg` is still being worked on (its ack wait restarts)."""
    if seconds is None:
        yield
        return

    async def beat() -> None:
        while True:
            await asyncio.sleep(seconds)
            with contextlib.suppress(Exception):  # NATS away: the ack wait decides
                await msg.in_progress()

    task = asyncio.create_task(beat())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def _process(consumer: Consumer[E], msg: NatsMessage) -> None:
    labels = (consumer.service, consumer.durable)
    delivered = delivery_count(msg)
    try:
        event = decode(msg.body, consumer.message_type)
    except (msgspec.DecodeError, msgspec.ValidationError, ValueError) as exc:
        # A payload that does not decode never will: dead-letter it at once.
        await _dead_letter(consumer, None, f"undecodable payload: {exc}", msg)
        return
    try:
        await consumer.handler(event, msg)
    except RejectError as exc:
        log.info("consumer %s ended %s: %s", consumer.durable, event.event_id, exc)
        CONSUMER_PROCESSED.labels(*labels).inc()
        await msg.reject()
        return
    except RequeueError:
        await msg.nack()
        return
    except Exception as exc:
        CONSUMER_FAILURES.labels(*labels).inc()
        if delivered >= consumer.max_deliver:
            # the hook hears the failure as a person would read it; the log names its type
            await _dead_letter(consumer, event, str(exc).strip() or type(exc).__name__, msg)
            return
        log.warning(
            "consumer %s failed on %s (delivery %d of %d): %s: %s",
            consumer.durable,
            event.event_id,
            delivered,
            consumer.max_deliver,
            type(exc).__name__,
            exc,
        )
        await msg.nack(delay=consumer.retry_delay_seconds * delivered)
        return
    CONSUMER_PROCESSED.labels(*labels).inc()
    await msg.ack()


async def _dead_letter(
    consumer: Consumer[E], event: E | None, reason: str, msg: NatsMessage
) -> None:
    CONSUMER_DEAD_LETTERS.labels(consumer.service, consumer.durable).inc()
    log.error(
        "dead letter: consumer %s gave up on %s after %d deliveries: %s",
        consumer.durable,
        event.event_id if event is not None else "an undecodable message",
        delivery_count(msg),
        reason,
    )
    if consumer.on_dead_letter is not None:
        try:
            await consumer.on_dead_letter(event, reason, msg.body)
        except Exception:
            log.exception("dead-letter hook of %s failed", consumer.durable)
            await msg.nack(delay=consumer.retry_delay_seconds)
            return
    await msg.reject()


def delivery_count(msg: NatsMessage) -> int:
    """Which delivery of its message `msg` is (1 the first)."""
    try:
        return int(msg.raw_message.metadata.num_delivered)
    except Exception:
        return 1
