"""Durable JetStream consumers with explicit ack, bounded redelivery and a visible dead letter."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
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
DeadLetter = Callable[[E | None, str], Awaitable[None]]


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

    async def on_message(msg: NatsMessage) -> None:
        await _process(consumer, msg)

    subscriber = broker.subscriber(
        spec.subject,
        stream=JStream(spec.stream, declare=False),
        durable=consumer.durable,
        config=config,
        # A fetch takes `max_workers` messages: FastStream starts a task for each message of a
        # fetched batch at once, whatever `max_workers` says, and they reach the handler in
        # any order.
        pull_sub=PullSub(batch_size=consumer.max_workers, timeout=2.0),
        ack_policy=AckPolicy.MANUAL,
        max_workers=consumer.max_workers,
        # Fetched messages arrive in the service's own inbox, the only one its NATS user
        # (named for the service) may subscribe to.
        inbox_prefix=f"{inbox_prefix(consumer.service)}.".encode(),
    )
    subscriber(on_message)


async def _process(consumer: Consumer[E], msg: NatsMessage) -> None:
    labels = (consumer.service, consumer.durable)
    delivered = _num_delivered(msg)
    try:
        event = decode(msg.body, consumer.message_type)
    except (msgspec.DecodeError, msgspec.ValidationError, ValueError) as exc:
        # A payload that does not decode never will: dead-letter it at once.
        await _dead_letter(consumer, None, f"undecodable payload: {exc}", msg)
        return
    try:
        await consumer.handler(event, msg)
    except Exception as exc:
        CONSUMER_FAILURES.labels(*labels).inc()
        reason = f"{type(exc).__name__}: {exc}"
        if delivered >= consumer.max_deliver:
            await _dead_letter(consumer, event, reason, msg)
            return
        log.warning(
            "consumer %s failed on %s (delivery %d of %d): %s",
            consumer.durable,
            event.event_id,
            delivered,
            consumer.max_deliver,
            reason,
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
        _num_delivered(msg),
        reason,
    )
    if consumer.on_dead_letter is not None:
        try:
            await consumer.on_dead_letter(event, reason)
        except Exception:
            log.exception("dead-letter hook of %s failed", consumer.durable)
            await msg.nack(delay=consumer.retry_delay_seconds)
            return
    await msg.reject()


def _num_delivered(msg: NatsMessage) -> int:
    try:
        return int(msg.raw_message.metadata.num_delivered)
    except Exception:
        return 1
