"""The transactional outbox: an event is a row written in the same transaction as the change."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable

from sqlalchemy import Table, event, insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from gts_contracts import (
    CORRELATION_ID_HEADER,
    MSG_ID_HEADER,
    Event,
    MessageDecodeError,
    decode,
    encode,
    spec_for,
)
from gts_kit.db.messaging_tables import outbox_dead_letters_table
from gts_kit.errors import FieldProblem, UnsendableEventError
from gts_kit.telemetry import context_headers

# NATS refuses a payload over its max_payload (1 MiB by default); an event stays well below,
# leaving room for headers and for a server configured tighter.
MAX_EVENT_BYTES = 512 * 1024
_AT_PATH = re.compile(r" - at `\$\.?(?P<path>[^`]*)`$")


class Outbox:
    """Writes events into a service's outbox table and wakes the relay when they commit."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.dead_letters = outbox_dead_letters_table(table.metadata)
        self._committed = asyncio.Event()

    @property
    def committed(self) -> asyncio.Event:
        """Set whenever a transaction that wrote outbox rows commits in this process."""
        return self._committed

    async def add(
        self, session: AsyncSession, message: Event, *, correlation_id: str | None = None
    ) -> None:
        """Stage `message` in the caller's transaction; it is published only if that commits.

        An event the bus could not carry (over a bound of its contract, or over
        MAX_EVENT_BYTES encoded) raises UnsendableEventError (422) instead, so the caller's
        transaction rolls back and nothing is half-written.
        """
        spec = spec_for(type(message))
        payload = encode(message)
        check_sendable(message, payload)
        # the trace context too: the relay publishes the row later, as part of this trace
        headers = {**context_headers(), MSG_ID_HEADER: str(message.event_id)}
        if correlation_id:
            headers[CORRELATION_ID_HEADER] = correlation_id
        await session.execute(
            insert(self.table).values(
                event_id=message.event_id,
                subject=spec.subject,
                payload=payload,
                headers=headers,
            )
        )
        wake: Callable[[Session], None] = lambda _s: self._committed.set()  # noqa: E731
        if not event.contains(session.sync_session, "after_commit", wake):
            event.listen(session.sync_session, "after_commit", wake, once=True)


def check_sendable(message: Event, payload: bytes) -> None:
    """Refuse an event its consumers could not read or NATS could not carry.

    A Struct built in code is not checked against its field bounds; decoding the payload
    again applies them, so the error names the field and the bound.
    """
    try:
        decode(payload, type(message))
    except MessageDecodeError as exc:
        found = _AT_PATH.search(exc.reason)
        field = found.group("path") if found and found.group("path") else "body"
        reason = _AT_PATH.sub("", exc.reason)
        raise UnsendableEventError(
            f"{field}: {reason}",
            problems=[FieldProblem(field, reason, "out_of_bounds")],
            code="out_of_bounds",
        ) from exc
    if len(payload) > MAX_EVENT_BYTES:
        reason = f"the change makes a {len(payload):,}-byte event, the limit is {MAX_EVENT_BYTES:,}"
        raise UnsendableEventError(
            f"body: {reason}",
            problems=[FieldProblem("body", reason, "event_too_large")],
            code="event_too_large",
        )
