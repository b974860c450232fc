"""The pool: connections go to waiting requests in the order they asked, and one that sat
idle is checked before it is handed out."""

from __future__ import annotations

import asyncio

from sqlalchemy import text

from gts_kit.db.engine import PING_IDLE_SECONDS, create_engine
from gts_kit.db.fair_pool import FairAsyncPool, HandoffQueue
from gts_kit.local.postgres import PostgresServer


async def test_a_newcomer_does_not_take_the_item_a_waiter_was_woken_for() -> None:
    queue: HandoffQueue[str] = HandoffQueue()
    first = asyncio.create_task(queue.get())
    await asyncio.sleep(0)  # `first` waits
    queue.put_nowait("conn")
    newcomer = asyncio.create_task(queue.get())  # asks before `first` has run again
    await asyncio.sleep(0)
    assert first.done()
    assert first.result() == "conn"
    assert not newcomer.done()
    queue.put_nowait("next")
    assert await newcomer == "next"


async def test_an_item_handed_to_a_waiter_that_gives_up_goes_to_the_next() -> None:
    queue: HandoffQueue[str] = HandoffQueue()
    quitter = asyncio.create_task(queue.get())
    patient = asyncio.create_task(queue.get())
    await asyncio.sleep(0)
    queue.put_nowait("conn")  # handed to `quitter`...
    quitter.cancel()  # ...which is cancelled before it runs (a timeout at that moment)
    assert await patient == "conn"
    assert quitter.cancelled()
    assert queue.empty()


async def test_requests_get_pooled_connections_in_arrival_order(database_url: str) -> None:
    engine = create_engine(database_url, "public", pool_size=1)
    served: list[int] = []

    async def query(n: int) -> None:
        async with engine.connect() as conn:
            served.append(n)
            await conn.execute(text("SELECT pg_sleep(0.01)"))

    try:
        await asyncio.gather(*(query(n) for n in range(12)))
    finally:
        await engine.dispose()
    assert isinstance(engine.sync_engine.pool, FairAsyncPool)
    assert served == list(range(12))


async def test_a_connection_idle_across_a_server_restart_is_replaced_without_an_error(
    database_url: str, embedded_postgres: PostgresServer
) -> None:
    engine = create_engine(database_url, "public", pool_size=1)
    try:
        async with engine.connect() as conn:
            assert await conn.scalar(text("SELECT 1")) == 1
        await asyncio.to_thread(embedded_postgres.stop, mode="fast")
        await asyncio.to_thread(embedded_postgres.start)
        await asyncio.sleep(PING_IDLE_SECONDS)
        async with engine.connect() as conn:  # the pooled connection died with the server
            assert await conn.scalar(text("SELECT 2")) == 2
    finally:
        await engine.dispose()
