"""Cancel requests: every replica hears them (a listener on the stream's new messages),
remembers them in KV, and stops its own job."""

from __future__ import annotations

import logging
import threading
import uuid

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


async def cancel_heard(
    command: JobCancelRequestedV1, states: JobStates, running: RunningJobs
) -> None:
    """A cancel command heard: remembered first (a job taken from the queue after this never
    starts), then the job stopped if it runs here."""
    await states.request_cancel(command.job_id, command.owner_id)
    if running.cancel(command.job_id, command.owner_id):
        log.info("cancelling job %s", command.job_id)
