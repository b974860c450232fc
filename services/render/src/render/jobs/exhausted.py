"""Jobs whose worker died on every delivery: NATS gives up on them; we report them failed.

A failure inside the handler on the last delivery is reported by the handler itself. A
worker that crashes (or is killed) on the last delivery cannot, so every replica listens to
JetStream's max-deliveries advisory (a listener on every replica) and the first to store the
failed state publishes it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import msgspec
from nats.js import JetStreamContext

from gts_contracts import MessageDecodeError, decode, encode, spec_for
from gts_contracts.render import RenderJobFailedV1
from gts_contracts.shootouts import RenderRequestedV1
from render.jobs.events import EventPublisher
from render.jobs.state import JobRecord, JobStates

log = logging.getLogger("gts.render.exhausted")


class MaxDeliveriesAdvisory(msgspec.Struct):
    """The part of `io.nats.jetstream.advisory.v1.max_deliver` we read."""

    stream: str
    consumer: str
    stream_seq: int
    deliveries: int


def advisory_subject(stream: str, durable: str) -> str:
    """Where JetStream announces that `durable` gave up on a message of `stream`."""
    return f"$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.{stream}.{durable}"


@dataclass(frozen=True, slots=True)
class ExhaustedJobs:
    """Hears the advisory and ends the job as failed (once, across replicas); `worker` names
    this replica in the failed state it stores."""

    js: JetStreamContext
    states: JobStates
    publisher: EventPublisher
    worker: str

    async def on_advisory(self, data: bytes) -> None:
        """One max-deliveries advisory: fail its job unless it already ended."""
        try:
            advisory = msgspec.json.decode(data, type=MaxDeliveriesAdvisory)
            stored = await self.js.get_msg(advisory.stream, advisory.stream_seq)
            command = decode(stored.data or b"", RenderRequestedV1)
        except (msgspec.DecodeError, msgspec.ValidationError, MessageDecodeError) as exc:
            log.error("max-deliveries advisory for a message we cannot read: %s", exc)
            return
        except Exception as exc:
            log.warning("max-deliveries advisory: the command is gone: %s", exc)
            return
        await self.fail(command, advisory.deliveries)

    async def fail(self, command: RenderRequestedV1, deliveries: int) -> None:
        """End `command`'s job as failed unless it already ended."""
        record, revision = await self.states.get(command.job_id)
        if record is not None and record.terminal:
            return
        failed = RenderJobFailedV1.new(
            job_id=command.job_id,
            shootout_id=command.shootout_id,
            owner_id=command.owner_id,
            reason=(
                f"the render stopped during each of its {deliveries} attempts "
                "(the render worker crashed or was stopped)"
            ),
            attempts=max(deliveries, 1),
            retryable=True,
        )
        subject = spec_for(RenderJobFailedV1).subject
        data = encode(failed)
        ended = JobRecord(
            state="failed", attempt=deliveries, worker=self.worker, subject=subject, event=data
        )
        if await self.states.swap(command.job_id, ended, revision) is not None:
            log.error("job %s: given up after %d deliveries", command.job_id, deliveries)
            await self.publisher.republish(subject, data)
