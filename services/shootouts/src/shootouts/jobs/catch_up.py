"""Read-your-events for job readers: wait (briefly) until render's final events are applied.

The gateway tells a client "completed" straight from `render.job.completed.v1`; a client that
then reads the job or its results must not see it still running. So a read that finds an active
job first waits while this service's consumers of render's final events have messages not yet
applied (not delivered, or delivered but not acknowledged: the ack follows the commit).
The gateway hears render's events on core NATS, possibly a moment before the stream has stored
them, so a reader keeps looking for `grace_seconds` before concluding nothing is on its way.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Sequence

from nats.js import JetStreamContext
from nats.js.errors import NotFoundError

log = logging.getLogger("gts.shootouts.catch_up")


class EventCatchUp:
    """Waits until the named durable consumers of one stream have nothing outstanding."""

    def __init__(
        self,
        js: JetStreamContext,
        stream: str,
        durables: Sequence[str],
        max_wait_seconds: float = 3.0,
        grace_seconds: float = 0.2,
    ) -> None:
        self.js = js
        self.stream = stream
        self.durables = tuple(durables)
        self.max_wait_seconds = max_wait_seconds
        self.grace_seconds = grace_seconds

    async def _outstanding(self) -> int:
        total = 0
        for durable in self.durables:
            try:
                info = await self.js.consumer_info(self.stream, durable)
            except NotFoundError:
                continue
            total += int(info.num_pending or 0) + int(info.num_ack_pending or 0)
        return total

    async def settle(self) -> bool:
        """Wait up to `max_wait_seconds` for the consumers to apply what is published; True
        when there was anything to wait for (the caller then reads again)."""
        start = time.monotonic()
        waited = False
        try:
            while True:
                elapsed = time.monotonic() - start
                if await self._outstanding() > 0:
                    waited = True
                elif waited or elapsed >= self.grace_seconds:
                    break
                if elapsed >= self.max_wait_seconds:
                    log.warning("render events still outstanding after %.1fs", elapsed)
                    break
                await asyncio.sleep(0.01)
        except Exception as exc:
            # a read must not fail because NATS is slow: answer with what the database has
            log.warning("cannot check render consumers: %s", exc)
        return waited
