"""Publishing render events to JetStream through the service's FastStream broker, each with
its event id as the `Nats-Msg-Id`."""

from __future__ import annotations

import msgspec
from faststream.nats import NatsBroker

from gts_contracts import Event, encode, spec_for
from gts_contracts.envelope import MSG_ID_HEADER
from gts_contracts.registry import spec_for_subject


class _Envelope(msgspec.Struct):
    event_id: str


class EventPublisher:
    """Publishes contract events straight to their stream (render owns no outbox table)."""

    def __init__(self, broker: NatsBroker) -> None:
        self._broker = broker

    async def publish(self, event: Event) -> tuple[str, bytes]:
        """Publish `event`; returns its subject and bytes, to store and re-publish verbatim."""
        subject = spec_for(type(event)).subject
        data = encode(event)
        await self.republish(subject, data)
        return subject, data

    async def republish(self, subject: str, data: bytes) -> None:
        """Publish stored event bytes again; JetStream drops it inside its duplicate window,
        and consumers' inboxes drop it after (same event id)."""
        msg_id = msgspec.json.decode(data, type=_Envelope).event_id
        stream = spec_for_subject(subject).stream
        await self._broker.publish(data, subject, headers={MSG_ID_HEADER: msg_id}, stream=stream)
