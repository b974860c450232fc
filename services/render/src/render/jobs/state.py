"""Job state in a NATS KV bucket: who runs a job, how it ended, and cancel requests.

A job's key moves running -> completed | failed | cancelled by compare-and-set on its
revision, so two workers that both got the job (a heartbeat lost in a stall) end it once.
The terminal event is stored with the state and re-published verbatim on redelivery.
"""

from __future__ import annotations

import uuid
from typing import Literal

import msgspec
from nats.js import JetStreamContext, api
from nats.js.errors import BucketNotFoundError, KeyNotFoundError, KeyWrongLastSequenceError
from nats.js.kv import KeyValue

from gts_contracts import BUCKETS, JOBS_STATE_BUCKET

JOBS_BUCKET = JOBS_STATE_BUCKET
STATE_TTL_SECONDS = next(b.ttl_seconds for b in BUCKETS if b.name == JOBS_BUCKET)

JobState = Literal["running", "completed", "failed", "cancelled"]
TERMINAL: frozenset[str] = frozenset({"completed", "failed", "cancelled"})


class JobRecord(msgspec.Struct, frozen=True, kw_only=True):
    """A job's state; a terminal one carries the subject and bytes of the event that ended it."""

    state: JobState
    attempt: int
    worker: str
    subject: str | None = None
    event: bytes | None = None

    @property
    def terminal(self) -> bool:
        """Whether the job has ended."""
        return self.state in TERMINAL


class JobStates:
    """The `render-jobs` bucket."""

    def __init__(self, kv: KeyValue) -> None:
        self._kv = kv

    @classmethod
    async def open(cls, js: JetStreamContext, replicas: int = 1) -> JobStates:
        """Bind to the bucket, creating it when missing."""
        try:
            kv = await js.key_value(JOBS_BUCKET)
        except BucketNotFoundError:
            kv = await js.create_key_value(
                api.KeyValueConfig(
                    bucket=JOBS_BUCKET, history=1, ttl=STATE_TTL_SECONDS, replicas=replicas
                )
            )
        return cls(kv)

    async def get(self, job_id: uuid.UUID) -> tuple[JobRecord | None, int]:
        """The job's record and its revision (None, 0 when the job is unknown)."""
        try:
            entry = await self._kv.get(_job_key(job_id))
        except KeyNotFoundError:
            return None, 0
        if entry.value is None:
            return None, 0
        return msgspec.json.decode(entry.value, type=JobRecord), entry.revision or 0

    async def swap(self, job_id: uuid.UUID, record: JobRecord, revision: int) -> int | None:
        """Store `record` if the key is still at `revision` (0: absent); the new revision, or
        None when someone else changed it first."""
        data = msgspec.json.encode(record)
        try:
            if revision == 0:
                return await self._kv.create(_job_key(job_id), data)
            return await self._kv.update(_job_key(job_id), data, last=revision)
        except KeyWrongLastSequenceError:
            return None

    async def request_cancel(self, job_id: uuid.UUID, owner_id: uuid.UUID) -> None:
        """Remember that `owner_id` cancelled the job (a job not started yet never starts)."""
        await self._kv.put(_cancel_key(job_id), str(owner_id).encode())

    async def cancel_requested(self, job_id: uuid.UUID, owner_id: uuid.UUID) -> bool:
        """Whether the job's owner cancelled it."""
        try:
            entry = await self._kv.get(_cancel_key(job_id))
        except KeyNotFoundError:
            return False
        return entry.value == str(owner_id).encode()


def _job_key(job_id: uuid.UUID) -> str:
    return f"job.{job_id}"


def _cancel_key(job_id: uuid.UUID) -> str:
    return f"cancel.{job_id}"
