"""The render worker as a service resource: stores, caches, the queue and the cancel listener."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from typing import cast

from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

from gts_contracts import DI_BUCKET, GEAR_BUCKET, OUTPUTS_BUCKET
from gts_engine.job import CachedAmp
from gts_engine.nam import AmpCache, worker_pool
from gts_engine.nam.parallel import warm_up
from gts_engine.warm import warm_up_engine
from gts_kit.blobs import NatsObjectBlobStore
from gts_kit.http.health import ReadinessCheck
from gts_kit.service import ServiceContext
from render.config import Settings, available_cores
from render.jobs.blobs import BlobCache
from render.jobs.cancel import CancelListener, RunningJobs
from render.jobs.events import EventPublisher
from render.jobs.exhausted import ExhaustedJobs
from render.jobs.queue import DURABLE, WorkQueue
from render.jobs.runner import RenderDeps
from render.jobs.state import JobStates

log = logging.getLogger("gts.render")

AMP_CACHE_BYTES = 256 * 1024 * 1024
QUEUE_KEY = "render_queue"
WARMING_KEY = "render_warming"


@contextlib.asynccontextmanager
async def render_worker(ctx: ServiceContext) -> AsyncIterator[None]:
    """Run the work queue for the service's lifetime; on exit, running jobs go back to it."""
    settings = cast(Settings, ctx.settings)
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
        publisher=EventPublisher(js),
        dis=BlobCache(NatsObjectBlobStore(js, DI_BUCKET), blob_dir, cache_bytes),
        gear=BlobCache(NatsObjectBlobStore(js, GEAR_BUCKET), blob_dir, cache_bytes),
        outputs=outputs,
        amp=CachedAmp(AmpCache(AMP_CACHE_BYTES), workers=cores, pool=pool),
        executor=executor,
        running=running,
        work_dir=settings.cache_dir / "work",
        worker=settings.worker_name,
        max_deliver=settings.render_max_deliver,
        heartbeat_seconds=max(settings.render_ack_wait_seconds / 4.0, 0.5),
        budget_factor=settings.render_budget_factor,
    )
    queue = WorkQueue(js, deps, settings.concurrency, settings.render_ack_wait_seconds)
    cancels = CancelListener(js, states, running)
    exhausted = ExhaustedJobs(
        ctx.broker.connection, js, states, deps.publisher, deps.worker, DURABLE
    )
    await cancels.start()
    await exhausted.start()
    await queue.start()
    # beside the queue, not before it: a slow start must not hold the service's start-up
    warming = asyncio.create_task(asyncio.to_thread(_warm, pool, cores))
    ctx.extras[WARMING_KEY] = warming
    ctx.extras[QUEUE_KEY] = queue
    log.info(
        "render worker %s: %d jobs at once on %d cores", deps.worker, settings.concurrency, cores
    )
    try:
        yield
    finally:
        await warming
        await queue.stop()
        await cancels.stop()
        await exhausted.stop()
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
    """Readiness: the work queue's fetch loop runs, and the start-up warm-up is over (jobs
    are taken meanwhile; a fresh stack waits for it, so its first job costs what any does)."""

    async def check() -> str | None:
        queue = ctx.extras.get(QUEUE_KEY)
        if not isinstance(queue, WorkQueue) or not queue.alive:
            return "the render work queue is not running"
        warming = ctx.extras.get(WARMING_KEY)
        if isinstance(warming, asyncio.Task) and not warming.done():
            return "the render engine is warming up"
        return None

    return check
