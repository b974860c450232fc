"""One delivery of a render command, start to end: claim, fetch, render, store, report.

The kit's consumer settles the message by how `run_delivery` ends: returning (ack: a
terminal event is stored and published), `RejectError` (term: failed for good, reported),
`RequeueError` (nak: this replica stops) or another exception (retried; after the last
delivery `dead_letter` reports the job failed).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import shutil
import uuid
from collections.abc import AsyncIterator, Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TypedDict

from faststream.nats.annotations import NatsMessage
from opentelemetry import context, trace
from opentelemetry.trace import NoOpTracer, Tracer

from gts_contracts import Event, MessageDecodeError, decode, encode, spec_for
from gts_contracts.fields import TEXT_MAX_CHARS
from gts_contracts.render import (
    ExtraRenderOutput,
    RenderJobCancelledV1,
    RenderJobCompletedV1,
    RenderJobFailedV1,
    RenderJobProgressV1,
    RenderJobStartedV1,
    RenderOutput,
    RenderStage,
)
from gts_contracts.shootouts import RenderRequestedV1
from gts_engine.job import AmpRunner, RenderCancelledError, RenderResult, render_job
from gts_engine.prepare import RenderInputError
from gts_kit.blobs.nats_store import NatsObjectBlobStore
from gts_kit.messaging.consumer import RejectError, RequeueError, delivery_count
from gts_kit.tasks import stop_task
from render.jobs.blobs import BlobCache
from render.jobs.budget import JobBudget
from render.jobs.cancel import RunningJobs
from render.jobs.events import EventPublisher
from render.jobs.manifest import UnsupportedBlockError, plan_job
from render.jobs.outputs import store_outputs
from render.jobs.progress import JobProgress
from render.jobs.stages import JobStages
from render.jobs.state import JobRecord, JobState, JobStates

log = logging.getLogger("gts.render.jobs")

MAX_REASON_CHARS = TEXT_MAX_CHARS  # a longer reason is cut, never refused


class _CommandIds(Event, frozen=True, kw_only=True):
    """The ids of a command whose body does not decode, to report it failed."""

    job_id: uuid.UUID
    shootout_id: uuid.UUID
    owner_id: uuid.UUID


class _Ids(TypedDict):
    job_id: uuid.UUID
    shootout_id: uuid.UUID
    owner_id: uuid.UUID


@dataclass(frozen=True)
class RenderDeps:
    """What a job needs: stores, caches, the amp runner and where to work."""

    states: JobStates
    publisher: EventPublisher
    dis: BlobCache
    gear: BlobCache
    outputs: NatsObjectBlobStore
    amp: AmpRunner
    executor: Executor
    running: RunningJobs
    work_dir: Path
    worker: str
    max_deliver: int
    budget_factor: float = 1.0
    tracer: Tracer = field(default_factory=NoOpTracer)


async def run_delivery(command: RenderRequestedV1, msg: NatsMessage, deps: RenderDeps) -> None:
    """Process one delivery of `shootouts.render.requested.v1` (see the module's text), as
    a span of the trace that asked for it (its stages are spans within it)."""
    attempt = delivery_count(msg)
    attributes: dict[str, str | int] = {
        "gts.job_id": str(command.job_id),
        "gts.shootout_id": str(command.shootout_id),
        "gts.attempt": attempt,
    }
    with deps.tracer.start_as_current_span("render.job", attributes=attributes):
        await _Job(command, attempt, deps).run()


async def dead_letter(
    command: RenderRequestedV1 | None, reason: str, body: bytes, deps: RenderDeps
) -> None:
    """The last delivery failed, or the command does not decode: report the job failed."""
    if command is None:
        await _undecodable(body, deps, reason)
        return
    log.error("job %s: giving up after %d deliveries: %s", command.job_id, deps.max_deliver, reason)
    job = _Job(command, deps.max_deliver, deps)
    _, job.revision = await deps.states.get(command.job_id)
    await job.end_failed(reason, retryable=True)


class _Job:
    def __init__(self, command: RenderRequestedV1, attempt: int, deps: RenderDeps):
        self.command = command
        self.attempt = attempt
        self.deps = deps
        self.revision = 0
        self.ids = _Ids(
            job_id=command.job_id, shootout_id=command.shootout_id, owner_id=command.owner_id
        )

    async def run(self) -> None:
        deps, command = self.deps, self.command
        record, self.revision = await deps.states.get(command.job_id)
        if record is not None and record.terminal:
            await self._replay(record)
            return
        if await deps.states.cancel_requested(command.job_id, command.owner_id):
            await self._end(RenderJobCancelledV1.new(**self.ids), "cancelled")
            return
        running = JobRecord(state="running", attempt=self.attempt, worker=deps.worker)
        revision = await deps.states.swap(command.job_id, running, self.revision)
        if revision is None:
            raise RuntimeError("another worker changed the job's state at the same moment")
        self.revision = revision
        await deps.publisher.publish(
            RenderJobStartedV1.new(**self.ids, attempt=self.attempt, worker=deps.worker)
        )
        stop = deps.running.add(command.job_id, command.owner_id)
        stages = JobStages(deps.tracer, context.get_current())
        progress = JobProgress(len(command.di_tracks), stages.enter)
        budget = JobBudget(deps.budget_factor)

        def is_stopped() -> bool:
            return stop.is_set() or budget.exceeded()

        try:
            async with self._progress(progress):
                outputs, blind_key = await self._render(progress, is_stopped, budget)
        except RenderCancelledError as exc:
            if deps.running.stopping.is_set():
                log.info("job %s: service stopping, back to the queue", command.job_id)
                raise RequeueError from exc
            if not stop.is_set() and budget.exceeded():
                log.warning("job %s: %s", command.job_id, budget.reason)
                await self.end_failed(budget.reason, retryable=False)
                raise RejectError(budget.reason) from exc
            await self._end(RenderJobCancelledV1.new(**self.ids), "cancelled")
            return
        except (RenderInputError, UnsupportedBlockError) as exc:
            await self.end_failed(_reason(exc), retryable=False)
            raise RejectError(_reason(exc)) from exc
        finally:
            stages.close()
            deps.running.remove(command.job_id)
        completed = RenderJobCompletedV1.new(
            **self.ids,
            outputs=[o for o in outputs if isinstance(o, RenderOutput)],
            blind_key=blind_key,
            extra_outputs=[o for o in outputs if isinstance(o, ExtraRenderOutput)],
        )
        await self._end(completed, "completed")

    async def _render(
        self, progress: JobProgress, is_stopped: Callable[[], bool], budget: JobBudget
    ) -> tuple[list[RenderOutput | ExtraRenderOutput], dict[str, str] | None]:
        deps, command = self.deps, self.command
        plan = await plan_job(command, deps.dis, deps.gear)
        progress.fetching(1.0)
        scratch = deps.work_dir / f"{command.job_id}-{self.attempt}-{uuid.uuid4().hex[:8]}"
        scratch.mkdir(parents=True)
        loop = asyncio.get_running_loop()
        try:
            results: list[tuple[uuid.UUID, RenderResult]] = []
            for i, item in enumerate(plan.renders):
                work = partial(
                    render_job,
                    item.spec,
                    scratch / f"di-{i}",
                    progress.engine(i),
                    is_stopped,
                    amp=deps.amp,
                    on_prepared=budget.add,
                )
                result = await loop.run_in_executor(deps.executor, work)
                results.append((item.di_id, result))
                # the engine's own stages (busy seconds, some side by side) on the job's span
                span = trace.get_current_span()
                for stage, seconds in result.timings.items():
                    span.set_attribute(f"gts.di{i}.{stage}_seconds", round(seconds, 4))
            if is_stopped():
                raise RenderCancelledError("render cancelled before upload")
            outputs: list[RenderOutput | ExtraRenderOutput] = []
            for n, (di_id, result) in enumerate(results):

                def uploaded(fraction: float, n: int = n) -> None:
                    progress.upload((n + fraction) / len(results))

                outputs += await store_outputs(
                    command.job_id, di_id, result, plan.chain_ids, deps.outputs, uploaded
                )
        finally:
            await asyncio.to_thread(shutil.rmtree, scratch, True)
        blind_key = results[0][1].blind_key if results else None
        if blind_key is not None:
            blind_key = {label: str(plan.chain_ids[name]) for label, name in blind_key.items()}
        return outputs, blind_key

    async def end_failed(self, reason: str, *, retryable: bool) -> None:
        """End the job as failed with `reason`."""
        failed = RenderJobFailedV1.new(
            **self.ids,
            reason=reason.strip()[:MAX_REASON_CHARS] or "the render failed",
            attempts=self.attempt,
            retryable=retryable,
        )
        await self._finish(failed, "failed")

    async def _end(self, event: Event, state: JobState) -> None:
        await self._finish(event, state)

    async def _finish(self, event: Event, state: JobState) -> None:
        """Store the terminal state with its event, then publish it; if another worker ended the
        job first, publish that worker's event instead."""
        states, job_id = self.deps.states, self.command.job_id
        record = JobRecord(
            state=state,
            attempt=self.attempt,
            worker=self.deps.worker,
            subject=spec_for(type(event)).subject,
            event=encode(event),
        )
        if await states.swap(job_id, record, self.revision) is None:
            current, self.revision = await states.get(job_id)
            if current is None or not current.terminal:
                raise RuntimeError("the job's state changed while it was ending")
            await self._replay(current)
            return
        await self._replay(record)

    async def _replay(self, record: JobRecord) -> None:
        if record.subject is not None and record.event is not None:
            await self.deps.publisher.republish(record.subject, record.event)

    @contextlib.asynccontextmanager
    async def _progress(self, progress: JobProgress) -> AsyncIterator[None]:
        async def publish(stage: RenderStage, percent: float) -> None:
            event = RenderJobProgressV1.new(
                **self.ids, stage=stage, percent=round(percent, 2), message=None
            )
            with contextlib.suppress(Exception):  # progress is best effort
                await self.deps.publisher.publish(event)

        task = asyncio.create_task(progress.run(publish))
        try:
            yield
        finally:
            await stop_task(task)
            await progress.flush(publish)


async def _undecodable(body: bytes, deps: RenderDeps, reason: str) -> None:
    log.error("render command does not decode, dropping it: %s", reason)
    try:
        ids = decode(body, _CommandIds)
    except MessageDecodeError:
        return
    failed = RenderJobFailedV1.new(
        job_id=ids.job_id,
        shootout_id=ids.shootout_id,
        owner_id=ids.owner_id,
        reason=f"render command: {reason}"[:MAX_REASON_CHARS],
        attempts=1,
        retryable=False,
    )
    await deps.publisher.publish(failed)


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text[:MAX_REASON_CHARS]
