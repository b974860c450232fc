"""`stop_task` ends a task even when it loses a cancellation, as tasks on Python 3.11 can."""

from __future__ import annotations

import asyncio

from gts_kit.tasks import stop_task


async def test_a_task_that_loses_a_cancellation_is_still_stopped() -> None:
    lost = 0

    async def stubborn() -> None:
        nonlocal lost
        while True:
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                if lost == 0:  # what asyncio.wait_for does when its result races the cancel
                    lost += 1
                    continue
                raise

    task = asyncio.create_task(stubborn())
    await asyncio.sleep(0)
    async with asyncio.timeout(5):
        await stop_task(task)
    assert task.cancelled()
    assert lost == 1


async def test_a_task_that_already_ended_with_an_error_stops_without_raising() -> None:
    async def broken() -> None:
        raise RuntimeError("boom")

    task = asyncio.create_task(broken())
    await asyncio.sleep(0)
    await stop_task(task)
    assert isinstance(task.exception(), RuntimeError)
