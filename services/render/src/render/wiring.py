"""What render's subscriptions (`consumers`) use: the stores, caches and worker pool, built
once the broker has started, and the readiness of the worker."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import cast

from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

from gts_contracts import DI_BUCKET, GEAR_BUCKET, OUTPUTS_BUCKET
from gts_engine.job import CachedAmp
from gts_engine.nam import AmpCache, worker_pool
from gts_engine.nam.parallel import warm_up
from gts_engine.warm import warm_up_engine
from gts_kit.blobs.nats_store import NatsObjectBlobStore
from gts_kit.http.health import ReadinessCheck
from gts_kit.messaging.consumer import InFlight
from gts_kit.service import ServiceContext
from render.config import Settings, available_cores
from render.jobs.blobs import BlobCache
from render.jobs.cancel import RunningJobs
from render.jobs.events import EventPublisher
from render.jobs.exhausted import ExhaustedJobs
from render.jobs.runner import RenderDeps
from render.jobs.state import JobStates

log = logging.getLogger("gts.render")

AMP_CACHE_BYTES = 256 * 1024 * 1024


@dataclass
class RenderWorker:
    """What this process's subscriptions use, there once the service has started."""

    in_flight: InFlight = field(default_factory=InFlight)
    started: asyncio.Event = field(default_factory=asyncio.Event)
    deps: RenderDeps | None = None
    exhausted: ExhaustedJobs | None = None
    warming: asyncio.Task[None] | None = None

    async def ready(self) -> RenderDeps:
        """The job dependencies, once the resource has built them."""
        await self.started.wait()
        assert self.deps is not None
        return self.deps


@contextlib.asynccontextmanager
async def render_worker(ctx: ServiceContext) -> AsyncIterator[None]:
    """Build what jobs use for the service's lifetime; on exit, running jobs go back to
    the queue."""
    settings = cast(Settings, ctx.settings)
    worker = ctx.parts.get(RenderWorker)
    cores = available_cores()
    # One BLAS thread per render thread: `concurrency` jobs never ask for more than the cores.
    limits = threadpool_limits(limits=1, user_api="blas")
    js = ctx.js
    replicas = settings.nats_replicas
    blob_dir = settings.cache_dir / "blobs"
    cache_bytes = settings.render_cache_max_mb * 1024 * 1024
    outputs = await NatsObjectBlobStore.open(js, OUTPUTS_BUCKET, replicas=replicas)
    states = await JobStates.open(js, replicas)
    running = RunningJobs()
    # Long DIs split their amp inference over one pool shared by every job here.
    pool = worker_pool(cores) if cores > 1 else None
    executor = ThreadPoolExecutor(settings.concurrency, thread_name_prefix="render-job")
    deps = RenderDeps(
        states=states,
        publisher=EventPublisher(ctx.broker),
        dis=BlobCache(NatsObjectBlobStore(js, DI_BUCKET), blob_dir, cache_bytes),
        gear=BlobCache(NatsObjectBlobStore(js, GEAR_BUCKET), blob_dir, cache_bytes),
        outputs=outputs,
        amp=CachedAmp(AmpCache(AMP_CACHE_BYTES), workers=cores, pool=pool),
        executor=executor,
        running=running,
        work_dir=settings.cache_dir / "work",
        worker=settings.worker_name,
        max_deliver=settings.render_max_deliver,
        budget_factor=settings.render_budget_factor,
        tracer=ctx.tracer,
    )
    worker.deps = deps
    worker.exhausted = ExhaustedJobs(js, states, deps.publisher, deps.worker)
    worker.started.set()
    # beside the queue, not before it: a slow start must not hold the service's start-up
    warming = worker.warming = asyncio.create_task(asyncio.to_thread(_warm, pool, cores))
    log.info(
        "render worker %s: %d jobs at once on %d cores", deps.worker, settings.concurrency, cores
    )
    try:
        yield
    finally:
        await warming
        # the queue stopped fetching (the kit stops subscriptions first): running jobs stop
        # at their next checkpoint and go back to it
        running.stop_all()
        await worker.in_flight.drain()
        executor.shutdown(wait=True, cancel_futures=True)
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        limits.restore_original_limits()


def _warm(pool: ProcessPoolExecutor | None, cores: int) -> None:
    """Start the pool's workers and load their kernels, and pay the engine's first-use costs
    (1.5-2 s of a first job on 2 cores), before a user waits on them."""
    try:
        if pool is not None:
            warm_up(pool, cores)
        warm_up_engine(CachedAmp(workers=cores, pool=pool))
    except Exception:  # a warm-up is an optimisation: the service works without it
        log.warning("render warm-up failed", exc_info=True)


def queue_check(ctx: ServiceContext) -> ReadinessCheck:
    """Readiness: the worker is built, its queue's subscriber runs, and the start-up warm-up
    is over (jobs are taken meanwhile; a fresh stack waits for it, so its first job costs what
    any does)."""

    async def check() -> str | None:
        worker = ctx.parts.find(RenderWorker)
        if worker is None or worker.deps is None:
            return "the render worker is not running"
        if not all(subscriber.running for subscriber in ctx.broker.subscribers):
            return "the render work queue is not running"
        if worker.warming is not None and not worker.warming.done():
            return "the render engine is warming up"
        return None

    return check
