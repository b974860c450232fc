"""The envelope every event shares: an id for deduplication and the time it happened."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated, Any, Self

import msgspec

from gts_contracts.ids import new_event_id

# JetStream drops a second publish with the same id inside the stream's duplicate window.
MSG_ID_HEADER = "Nats-Msg-Id"
CORRELATION_ID_HEADER = "X-Correlation-Id"
# W3C trace context, so a trace follows a message from producer to consumer.
TRACEPARENT_HEADER = "traceparent"

AwareDatetime = Annotated[datetime, msgspec.Meta(tz=True)]


def utc_now() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


class Event(msgspec.Struct, frozen=True, kw_only=True):
    """Base of every message that travels through a JetStream stream.

    `event_id` is a UUIDv7 and is sent as the `Nats-Msg-Id` header; `occurred_at` is when
    the producer decided the fact (timezone-aware UTC).
    """

    event_id: uuid.UUID
    occurred_at: AwareDatetime

    @classmethod
    def new(cls, *, occurred_at: datetime | None = None, **fields: Any) -> Self:
        """Build this event with a fresh `event_id` and `occurred_at` (now, UTC, by default).

        The constructor itself is checked field by field by mypy; this helper only fills the
        envelope.
        """
        if occurred_at is not None and occurred_at.utcoffset() is None:
            raise ValueError("occurred_at: must be timezone-aware")
        when = utc_now() if occurred_at is None else occurred_at.astimezone(UTC)
        return cls(event_id=new_event_id(), occurred_at=when, **fields)
