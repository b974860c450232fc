"""Run a server on its own thread and event loop.

The test client runs the app on another loop and may block the test's loop while a request
is in flight, so whatever the app calls (the stand-in, auth's responder) must not live there.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractAsyncContextManager
from typing import TypeVar

T = TypeVar("T")


@contextlib.contextmanager
def on_own_thread(make: Callable[[], AbstractAsyncContextManager[T]]) -> Iterator[T]:
    """Enter `make()` on a fresh thread's loop, yield what it gives, exit it there afterwards."""
    entered: list[T] = []
    failed: list[BaseException] = []
    ready = threading.Event()
    stops: list[Callable[[], None]] = []

    async def serve() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        stops.append(lambda: loop.call_soon_threadsafe(stop.set))
        try:
            async with make() as value:
                entered.append(value)
                ready.set()
                await stop.wait()
        except BaseException as exc:
            failed.append(exc)
            ready.set()

    thread = threading.Thread(target=asyncio.run, args=(serve(),), daemon=True)
    thread.start()
    ready.wait(30)
    if failed:
        raise failed[0]
    try:
        yield entered[0]
    finally:
        stops[0]()
        thread.join(30)
