"""Publishing render events to JetStream, each with its event id as the `Nats-Msg-Id`."""

from __future__ import annotations

import msgspec
from nats.js import JetStreamContext

from gts_contracts import Event, encode, spec_for
from gts_contracts.envelope import MSG_ID_HEADER


class _Envelope(msgspec.Struct):
    event_id: str


class EventPublisher:
    """Publishes contract events straight to their stream (render owns no outbox table)."""

    def __init__(self, js: JetStreamContext) -> None:
        self._js = js

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
        await self._js.publish(subject, data, headers={MSG_ID_HEADER: msg_id})
