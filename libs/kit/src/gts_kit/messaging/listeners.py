"""FastStream handlers for what is not durable work: a request-reply responder (one replica
answers each request) and listeners every replica hears (core NATS, or the new messages of
a stream through an ordered consumer)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

import msgspec
from faststream.middlewares import AckPolicy
from faststream.nats import JStream, NatsBroker
from faststream.nats.annotations import NatsMessage
from nats.js.api import DeliverPolicy

from gts_contracts import Event, MessageDecodeError, decode, encode, spec_for

log = logging.getLogger("gts.listeners")

R = TypeVar("R", bound=msgspec.Struct)
E = TypeVar("E", bound=Event)


@dataclass(frozen=True)
class Responder(Generic[R]):
    """Answers the requests of `request_type`'s subject in queue group `service`, each in a
    task of its own (up to `max_workers` at once). `answer` gets the request's bytes and
    returns the reply; it must not raise (a requester waits for an answer either way)."""

    service: str
    request_type: type[msgspec.Struct]
    answer: Callable[[bytes], Awaitable[R]]
    max_workers: int = 64


@dataclass(frozen=True)
class Listener:
    """Hears `subject` on every replica: over core NATS, or, with `stream`, the messages
    the stream stores from now on (an ordered consumer: none missed while connected).
    `handler` gets the message's bytes; what it raises is logged."""

    service: str
    subject: str
    handler: Callable[[bytes], Awaitable[None]]
    stream: str | None = None


def listener(
    service: str,
    message_type: type[E],
    handle: Callable[[E], Awaitable[None]],
    *,
    from_stream: bool = False,
) -> Listener:
    """A listener of the contract `message_type` that decodes it first (an undecodable
    message is logged and skipped); `from_stream` hears it through its stream."""
    spec = spec_for(message_type)

    async def on_bytes(data: bytes) -> None:
        try:
            message = decode(data, message_type)
        except MessageDecodeError as exc:
            log.warning("%s: ignoring an undecodable %s: %s", service, spec.subject, exc)
            return
        await handle(message)

    return Listener(service, spec.subject, on_bytes, spec.stream if from_stream else None)


def register_responder(broker: NatsBroker, responder: Responder[R]) -> None:
    """Subscribe `responder` on `broker`; FastStream sends what it returns as the reply."""
    subject = spec_for(responder.request_type).subject

    async def on_request(msg: NatsMessage) -> bytes:
        return encode(await responder.answer(msg.body))

    subscriber = broker.subscriber(
        subject, queue=responder.service, max_workers=responder.max_workers
    )
    subscriber(on_request)


def register_listener(broker: NatsBroker, heard: Listener) -> None:
    """Subscribe `heard` on `broker`."""

    async def on_message(msg: NatsMessage) -> None:
        try:
            await heard.handler(msg.body)
        except Exception:
            log.exception("%s: handling %s failed", heard.service, heard.subject)

    if heard.stream is None:
        # no_reply: a message published to JetStream carries the publisher's inbox for the
        # stream's acknowledgement, which a listener must never answer in its place
        broker.subscriber(heard.subject, no_reply=True)(on_message)
    else:
        broker.subscriber(
            heard.subject,
            stream=JStream(heard.stream, declare=False),
            ordered_consumer=True,
            deliver_policy=DeliverPolicy.NEW,
            # an ordered consumer takes no acks
            ack_policy=AckPolicy.MANUAL,
            no_reply=True,
        )(on_message)
