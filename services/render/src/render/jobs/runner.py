"""One delivery of a render command, start to end: claim, fetch, render, store, report.

Every way out of `handle` either acks the message with a terminal event stored and
published, or hands it back to the queue (nak) for another try.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import shutil
import uuid
from collections.abc import AsyncIterator, Callable
from concurrent.futures import Executor
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TypedDict

from nats.aio.msg import Msg

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
from gts_kit.blobs import BlobStore
from gts_kit.tasks import stop_task
from render.jobs.blobs import BlobCache
from render.jobs.budget import JobBudget
from render.jobs.cancel import RunningJobs
from render.jobs.events import EventPublisher
from render.jobs.manifest import UnsupportedBlockError, plan_job
from render.jobs.outputs import store_outputs
from render.jobs.progress import JobProgress
from render.jobs.state import JobRecord, JobState, JobStates

log = logging.getLogger("gts.render.jobs")

MAX_REASON_CHARS = TEXT_MAX_CHARS  # a longer reason is cut, never refused
# Redelivery backoff: this many seconds times the delivery number.
RETRY_DELAY_SECONDS = 1.0


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
    outputs: BlobStore
    amp: AmpRunner
    executor: Executor
    running: RunningJobs
    work_dir: Path
    worker: str
    max_deliver: int
    heartbeat_seconds: float
    budget_factor: float = 1.0


async def handle(msg: Msg, deps: RenderDeps) -> None:
    """Process one delivery of `shootouts.render.requested.v1`; always acks, naks or terms."""
    attempt = _delivery(msg)
    try:
        command = decode(msg.data, RenderRequestedV1)
    except MessageDecodeError as exc:
        await _undecodable(msg, deps, attempt, str(exc))
        return
    job = _Job(command, attempt, deps, msg)
    try:
        await job.run()
    except Exception as exc:
        reason = _reason(exc)
        if attempt >= deps.max_deliver:
            log.error("job %s: giving up after %d deliveries: %s", command.job_id, attempt, reason)
            await job.end_failed(reason, retryable=True)
            await msg.term()
            return
        log.warning("job %s: delivery %d failed, will retry: %s", command.job_id, attempt, reason)
        await msg.nak(delay=RETRY_DELAY_SECONDS * attempt)


class _Job:
    def __init__(self, command: RenderRequestedV1, attempt: int, deps: RenderDeps, msg: Msg):
        self.command = command
        self.attempt = attempt
        self.deps = deps
        self.msg = msg
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
        progress = JobProgress(len(command.di_tracks))
        budget = JobBudget(deps.budget_factor)

        def is_stopped() -> bool:
            return stop.is_set() or budget.exceeded()

        try:
            async with self._heartbeat(), self._progress(progress):
                outputs, blind_key = await self._render(progress, is_stopped, budget)
        except RenderCancelledError:
            if deps.running.stopping.is_set():
                log.info("job %s: service stopping, back to the queue", command.job_id)
                await self.msg.nak()
                return
            if not stop.is_set() and budget.exceeded():
                log.warning("job %s: %s", command.job_id, budget.reason)
                await self.end_failed(budget.reason, retryable=False)
                await self.msg.term()
                return
            await self._end(RenderJobCancelledV1.new(**self.ids), "cancelled")
            return
        except (RenderInputError, UnsupportedBlockError) as exc:
            await self.end_failed(_reason(exc), retryable=False)
            await self.msg.term()
            return
        finally:
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
        await self.msg.ack()

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
            await self._replay(current, ack=False)
            return
        await self._replay(record, ack=False)

    async def _replay(self, record: JobRecord, *, ack: bool = True) -> None:
        if record.subject is not None and record.event is not None:
            await self.deps.publisher.republish(record.subject, record.event)
        if ack:
            await self.msg.ack()

    @contextlib.asynccontextmanager
    async def _heartbeat(self) -> AsyncIterator[None]:
        async def beat() -> None:
            while True:
                await asyncio.sleep(self.deps.heartbeat_seconds)
                with contextlib.suppress(Exception):
                    await self.msg.in_progress()

        task = asyncio.create_task(beat())
        try:
            yield
        finally:
            await stop_task(task)

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


async def _undecodable(msg: Msg, deps: RenderDeps, attempt: int, reason: str) -> None:
    log.error("render command does not decode, dropping it: %s", reason)
    try:
        ids = decode(msg.data, _CommandIds)
    except MessageDecodeError:
        await msg.term()
        return
    failed = RenderJobFailedV1.new(
        job_id=ids.job_id,
        shootout_id=ids.shootout_id,
        owner_id=ids.owner_id,
        reason=f"render command: {reason}"[:MAX_REASON_CHARS],
        attempts=attempt,
        retryable=False,
    )
    await deps.publisher.publish(failed)
    await msg.term()


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text[:MAX_REASON_CHARS]


def _delivery(msg: Msg) -> int:
    try:
        return int(msg.metadata.num_delivered or 1)
    except Exception:
        return 1
