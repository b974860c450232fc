"""The render service stops promptly: nothing it leaves behind holds the shutdown."""

from __future__ import annotations

import asyncio
import time

from litestar.testing import AsyncTestClient

from gts_kit.messaging.broker import DRAIN_TIMEOUT_SECONDS
from render.app import create_app
from render.config import Settings

FETCH_FOR_SECONDS = 2.0  # how long the kit's pull consumer waits for a message


async def test_shutdown_does_not_wait_on_a_fetch_that_was_cut_short(
    render_settings: Settings,
) -> None:
    # Stopping the work queue cuts its fetch short, but the pull request stays open on the
    # server, which answers it at expiry. That late answer must not hold the connection's
    # drain at shutdown (it used to, for the whole drain timeout: SIGTERM then ended in SIGKILL).
    async with AsyncTestClient(app=create_app(render_settings)):
        await asyncio.sleep(FETCH_FOR_SECONDS / 2)  # a fetch is waiting when the stop comes
        stopping = time.monotonic()
    assert time.monotonic() - stopping < DRAIN_TIMEOUT_SECONDS / 2
