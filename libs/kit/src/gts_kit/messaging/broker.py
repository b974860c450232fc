"""The FastStream NATS broker every service uses, created in one place."""

from __future__ import annotations

import logging

from fast_depends.msgspec import MsgSpecSerializer
from faststream.nats import NatsBroker
from faststream.nats.opentelemetry import NatsTelemetryMiddleware
from faststream.nats.security import NatsUserPassword
from nats.aio.client import DEFAULT_INBOX_PREFIX
from nats.js import JetStreamContext
from opentelemetry.trace import TracerProvider

from gts_contracts.permissions import inbox_prefix

log = logging.getLogger("gts.broker")

DRAIN_TIMEOUT_SECONDS = 5


def create_broker(
    nats_url: str,
    service: str,
    *,
    user: str = "",
    password: str = "",
    traces: TracerProvider | None = None,
) -> NatsBroker:
    """A broker that keeps reconnecting forever, so a NATS outage never needs a service restart.

    Signed in as `user`, its replies arrive under the user's own inbox prefix, the only one
    its permissions let it subscribe to. With `traces`, every message it publishes and
    handles is a span, its context carried in the message's headers.
    """

    async def on_disconnect() -> None:
        log.warning("nats disconnected")

    async def on_reconnect() -> None:
        log.info("nats reconnected")

    async def on_error(exc: Exception) -> None:
        log.warning("nats error: %s", exc)

    return NatsBroker(
        servers=nats_url,
        name=f"gts-{service}",
        serializer=MsgSpecSerializer(),
        security=NatsUserPassword(user, password) if user else None,
        inbox_prefix=inbox_prefix(user) if user else DEFAULT_INBOX_PREFIX,
        allow_reconnect=True,
        max_reconnect_attempts=-1,
        reconnect_time_wait=1,
        connect_timeout=5,
        ping_interval=5,
        max_outstanding_pings=2,
        # at shutdown, a subscription still holding messages must not outlast the grace period
        drain_timeout=DRAIN_TIMEOUT_SECONDS,
        disconnected_cb=on_disconnect,
        reconnected_cb=on_reconnect,
        error_cb=on_error,
        logger=logging.getLogger(f"gts.{service}.faststream"),
        graceful_timeout=15.0,
        middlewares=[NatsTelemetryMiddleware(tracer_provider=traces)] if traces else (),
    )


def jetstream(broker: NatsBroker) -> JetStreamContext:
    """The JetStream context of a started broker."""
    js: JetStreamContext = broker.config.connection_state.stream
    return js


def is_connected(broker: NatsBroker) -> bool:
    """Whether the broker's NATS connection is up right now."""
    try:
        return bool(broker.connection.is_connected)
    except Exception:  # not started yet
        return False
