"""The render service stops promptly: nothing it leaves behind holds the shutdown."""

from __future__ import annotations

import asyncio
import time

from litestar.testing import AsyncTestClient

from gts_kit.messaging.broker import DRAIN_TIMEOUT_SECONDS
from render.app import create_app
from render.config import Settings
from render.jobs.queue import FETCH_TIMEOUT_SECONDS, WorkQueue
from render.jobs.worker import QUEUE_KEY


async def test_shutdown_does_not_wait_on_a_fetch_that_was_cut_short(
    render_settings: Settings,
) -> None:
    # Stopping the work queue cuts its fetch short, but the pull request stays open on the
    # server, which answers it at expiry. That late answer must not hold the connection's
    # drain at shutdown (it used to, for the whole drain timeout: SIGTERM then ended in SIGKILL).
    async with AsyncTestClient(app=create_app(render_settings)) as client:
        queue = client.app.state.ctx.extras[QUEUE_KEY]
        assert isinstance(queue, WorkQueue)
        await queue.stop()
        await asyncio.sleep(FETCH_TIMEOUT_SECONDS + 1.0)
        stopping = time.monotonic()
    assert time.monotonic() - stopping < DRAIN_TIMEOUT_SECONDS / 2
