"""Cancel requests: every replica hears them, remembers them in KV, and stops its own job."""

from __future__ import annotations

import logging
import threading
import uuid

from nats.aio.msg import Msg
from nats.aio.subscription import Subscription
from nats.js import JetStreamContext, api

from gts_contracts import MessageDecodeError, decode, spec_for
from gts_contracts.shootouts import JobCancelRequestedV1
from render.jobs.state import JobStates

log = logging.getLogger("gts.render.cancel")


class RunningJobs:
    """The jobs this replica is rendering now, each with the flag its render checks."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._jobs: dict[uuid.UUID, tuple[uuid.UUID, threading.Event]] = {}
        self.stopping = threading.Event()

    def add(self, job_id: uuid.UUID, owner_id: uuid.UUID) -> threading.Event:
        """Track a job; returns the event that is set when it must stop."""
        flag = threading.Event()
        with self._lock:
            self._jobs[job_id] = (owner_id, flag)
        if self.stopping.is_set():
            flag.set()
        return flag

    def remove(self, job_id: uuid.UUID) -> None:
        """Forget a job that ended."""
        with self._lock:
            self._jobs.pop(job_id, None)

    def cancel(self, job_id: uuid.UUID, owner_id: uuid.UUID) -> bool:
        """Stop the job if it runs here and belongs to `owner_id`; whether it did."""
        with self._lock:
            found = self._jobs.get(job_id)
        if found is None or found[0] != owner_id:
            return False
        found[1].set()
        return True

    def stop_all(self) -> None:
        """The service is shutting down: stop every job (they go back to the queue)."""
        self.stopping.set()
        with self._lock:
            flags = [flag for _, flag in self._jobs.values()]
        for flag in flags:
            flag.set()

    def __len__(self) -> int:
        with self._lock:
            return len(self._jobs)


class CancelListener:
    """An ordered consumer of new cancel commands (DeliverPolicy NEW), one per replica."""

    def __init__(self, js: JetStreamContext, states: JobStates, running: RunningJobs) -> None:
        self._js = js
        self._states = states
        self._running = running
        self._sub: Subscription | None = None

    async def start(self) -> None:
        """Start listening."""
        spec = spec_for(JobCancelRequestedV1)
        self._sub = await self._js.subscribe(
            spec.subject,
            stream=spec.stream,
            ordered_consumer=True,
            deliver_policy=api.DeliverPolicy.NEW,
            cb=self._on_message,
        )

    async def stop(self) -> None:
        """Stop listening."""
        if self._sub is not None:
            await self._sub.unsubscribe()
            self._sub = None

    async def _on_message(self, msg: Msg) -> None:
        try:
            command = decode(msg.data, JobCancelRequestedV1)
        except MessageDecodeError as exc:
            log.error("ignoring a cancel command that does not decode: %s", exc)
            return
        # remembered first, so a job taken from the queue after this never starts
        await self._states.request_cancel(command.job_id, command.owner_id)
        if self._running.cancel(command.job_id, command.owner_id):
            log.info("cancelling job %s", command.job_id)
