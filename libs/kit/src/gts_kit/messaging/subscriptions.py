"""Every way a service hears messages, registered on its broker before it starts and
stopped (finishing what they hold) before the resources they use close."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import Any, TypeAlias

from faststream.nats import NatsBroker

from gts_kit.messaging import consumer as consumers
from gts_kit.messaging.listeners import (
    Listener,
    Responder,
    register_listener,
    register_responder,
)

log = logging.getLogger("gts.service")

NATS_START_ATTEMPTS = 30
# durable work, request-reply, listeners on every replica
Subscription: TypeAlias = "consumers.Consumer[Any] | Responder[Any] | Listener"


def subscribe(broker: NatsBroker, subscription: Subscription) -> None:
    """Register one of a service's subscriptions on its broker (before the broker starts)."""
    if isinstance(subscription, Responder):
        register_responder(broker, subscription)
    elif isinstance(subscription, Listener):
        register_listener(broker, subscription)
    else:
        consumers.register(broker, subscription)


async def stop_subscribers(broker: NatsBroker, subscriptions: Sequence[Subscription]) -> None:
    """Stop every handler: long work stops taking messages, the others finish theirs."""
    for subscription in subscriptions:
        if isinstance(subscription, consumers.Consumer):
            subscription.in_flight.closing.set()
    for subscriber in broker.subscribers:
        try:
            await subscriber.stop()
        except Exception:
            log.warning("a subscriber did not stop cleanly", exc_info=True)


async def connect_broker(broker: NatsBroker) -> None:
    """Connect, waiting for NATS (up to NATS_START_ATTEMPTS seconds) at start-up."""
    for attempt in range(1, NATS_START_ATTEMPTS + 1):
        try:
            await broker.connect()
            return
        except Exception as exc:
            if attempt == NATS_START_ATTEMPTS:
                raise RuntimeError(f"cannot reach NATS: {exc}") from exc
            log.warning("waiting for NATS (attempt %d): %s", attempt, exc)
            await broker.stop()
            await asyncio.sleep(1.0)
