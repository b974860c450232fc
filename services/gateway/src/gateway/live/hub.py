"""Who listens to which job or shootout: each socket has a bounded queue, so a slow client
slows no one."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from prometheus_client import Counter

log = logging.getLogger("gts.gateway.live")

SOCKET_BUFFER = 64
TERMINAL = frozenset({"completed", "failed", "cancelled"})
# Events a newer one of the same kind supersedes: the ones a full queue loses first.
SUPERSEDED = frozenset({"progress", "listening"})

DROPPED = Counter(
    "gts_ws_events_dropped_total", "Progress events dropped for slow WebSocket clients"
)


@dataclass(eq=False)
class Listener:
    """One socket: its user, the jobs and shootouts it follows, and its outgoing queue."""

    user_id: uuid.UUID
    jobs: set[uuid.UUID] = field(default_factory=set)
    shootouts: set[uuid.UUID] = field(default_factory=set)
    queue: asyncio.Queue[dict[str, Any]] = field(
        default_factory=lambda: asyncio.Queue(SOCKET_BUFFER)
    )

    def offer(self, event: dict[str, Any]) -> None:
        """Queue `event`; when full, make room by dropping the oldest progress or listening
        event (a later one tells the same, newer)."""
        if self.queue.full():
            queued = _drain(self.queue)
            superseded = [i for i, e in enumerate(queued) if e.get("event") in SUPERSEDED]
            if superseded:
                del queued[superseded[0]]
            elif event.get("event") in SUPERSEDED:
                # Only final events are queued: the new event is the one to lose.
                DROPPED.inc()
                _refill(self.queue, queued)
                return
            else:
                del queued[0]
            DROPPED.inc()
            _refill(self.queue, queued)
        self.queue.put_nowait(event)


class LiveHub:
    """Routes each job event to the listeners of its owner that follow its job, and each
    listening event to those that follow its shootout."""

    def __init__(self) -> None:
        self._by_user: dict[uuid.UUID, set[Listener]] = defaultdict(set)

    def add(self, listener: Listener) -> None:
        """Start routing to `listener`."""
        self._by_user[listener.user_id].add(listener)

    def remove(self, listener: Listener) -> None:
        """Stop routing to `listener`."""
        listeners = self._by_user.get(listener.user_id)
        if listeners is not None:
            listeners.discard(listener)
            if not listeners:
                del self._by_user[listener.user_id]

    def dispatch(self, owner_id: uuid.UUID, job_id: uuid.UUID, event: dict[str, Any]) -> int:
        """Offer `event` to the owner's listeners that follow `job_id`; returns how many."""
        return self._offer(owner_id, event, lambda listener: job_id in listener.jobs)

    def dispatch_shootout(
        self, owner_id: uuid.UUID, shootout_id: uuid.UUID, event: dict[str, Any]
    ) -> int:
        """Offer `event` to the owner's listeners that follow `shootout_id`; returns how many."""
        return self._offer(owner_id, event, lambda listener: shootout_id in listener.shootouts)

    def _offer(
        self, owner_id: uuid.UUID, event: dict[str, Any], follows: Callable[[Listener], bool]
    ) -> int:
        listeners = [x for x in self._by_user.get(owner_id, ()) if follows(x)]
        for listener in listeners:
            listener.offer(event)
        return len(listeners)


def _drain(queue: asyncio.Queue[dict[str, Any]]) -> list[dict[str, Any]]:
    items = []
    while not queue.empty():
        items.append(queue.get_nowait())
    return items


def _refill(queue: asyncio.Queue[dict[str, Any]], items: list[dict[str, Any]]) -> None:
    for item in items:
        queue.put_nowait(item)
