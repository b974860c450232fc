"""Stopping background tasks for certain.

On Python 3.11 a cancellation can be lost: `asyncio.wait_for` (used inside nats-py, among
others) returns the inner result when that result and the cancellation arrive in the same
loop iteration, and the cancelled task runs on (CPython gh-86296, fixed in 3.12). A task
stopped with one `cancel()` and an unbounded `await` then never ends; `stop_task` cancels
again until it does.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

log = logging.getLogger("gts.tasks")

RECANCEL_SECONDS = 0.5


async def stop_task(task: asyncio.Task[Any]) -> None:
    """Cancel `task` and wait until it has ended, cancelling again if a cancellation is lost.

    An exception the task ended with is logged, not raised: stopping must not fail.
    """
    while not task.done():
        task.cancel()
        await asyncio.wait({task}, timeout=RECANCEL_SECONDS)
    if not task.cancelled() and task.exception() is not None:
        log.error("task %s ended with an error", task.get_name(), exc_info=task.exception())
