"""The `render-jobs` work queue: one durable pull consumer shared by every render replica.

A replica fetches a command only when it has a free slot, so no replica holds commands it
cannot start (those would wait without heartbeats) and idle replicas get the rest.
"""

from __future__ import annotations

import asyncio
import logging

from nats.aio.msg import Msg
from nats.js import JetStreamContext, api
from nats.js.errors import FetchTimeoutError

from gts_contracts import spec_for
from gts_contracts.shootouts import RenderRequestedV1
from gts_kit.tasks import stop_task
from render.jobs.runner import RenderDeps, handle

log = logging.getLogger("gts.render.queue")

DURABLE = "render-jobs"
FETCH_TIMEOUT_SECONDS = 2.0


def consumer_config(max_deliver: int, ack_wait_seconds: float) -> api.ConsumerConfig:
    """The durable consumer: explicit ack, bounded deliveries, `ack_wait_seconds` between
    heartbeats before a job goes to another replica."""
    return api.ConsumerConfig(
        durable_name=DURABLE,
        ack_policy=api.AckPolicy.EXPLICIT,
        deliver_policy=api.DeliverPolicy.ALL,
        max_deliver=max_deliver,
        ack_wait=ack_wait_seconds,
        filter_subject=spec_for(RenderRequestedV1).subject,
        max_ack_pending=1000,
    )


class WorkQueue:
    """Fetches render commands one at a time while fewer than `slots` jobs run here."""

    def __init__(
        self, js: JetStreamContext, deps: RenderDeps, slots: int, ack_wait_seconds: float
    ) -> None:
        self._js = js
        self._deps = deps
        self._slots = asyncio.Semaphore(slots)
        self._ack_wait = ack_wait_seconds
        self._loop_task: asyncio.Task[None] | None = None
        self._sub: JetStreamContext.PullSubscription | None = None
        self._jobs: set[asyncio.Task[None]] = set()

    @property
    def alive(self) -> bool:
        """Whether the fetch loop is running."""
        return self._loop_task is not None and not self._loop_task.done()

    async def start(self) -> None:
        """Create or update the durable consumer, bind to it and start fetching."""
        stream = spec_for(RenderRequestedV1).stream
        assert stream is not None
        await self._js.add_consumer(stream, consumer_config(self._deps.max_deliver, self._ack_wait))
        self._sub = await self._js.pull_subscribe_bind(durable=DURABLE, stream=stream)
        self._loop_task = asyncio.create_task(self._fetch_loop(self._sub))

    async def stop(self) -> None:
        """Stop fetching; running jobs stop at their next checkpoint and go back to the queue."""
        if self._loop_task is not None:
            await stop_task(self._loop_task)
        if self._sub is not None:
            # A fetch cut short can leave a message in the subscription's queue that nobody
            # takes: the connection's drain at shutdown would wait on it for its whole timeout.
            # Unacked, it goes back to the stream.
            await self._sub.unsubscribe()
            self._sub = None
        self._deps.running.stop_all()
        if self._jobs:
            await asyncio.gather(*self._jobs, return_exceptions=True)

    async def _fetch_loop(self, sub: JetStreamContext.PullSubscription) -> None:
        while True:
            await self._slots.acquire()
            try:
                msgs = await sub.fetch(1, timeout=FETCH_TIMEOUT_SECONDS)
            except (FetchTimeoutError, TimeoutError):
                self._slots.release()
                continue
            except Exception as exc:
                self._slots.release()
                log.warning("fetching render commands failed: %s", exc)
                await asyncio.sleep(1.0)
                continue
            for msg in msgs:
                task = asyncio.create_task(self._run(msg))
                self._jobs.add(task)
                task.add_done_callback(self._jobs.discard)

    async def _run(self, msg: Msg) -> None:
        try:
            await handle(msg, self._deps)
        except Exception:
            log.exception("render job handler crashed; NATS will redeliver the command")
        finally:
            self._slots.release()
