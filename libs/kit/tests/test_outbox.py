"""The transactional outbox against real PostgreSQL and NATS."""

from __future__ import annotations

import asyncio

import nats
import pytest
from litestar.testing import AsyncTestClient
from nats.js.api import DeliverPolicy
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gts_contracts import MSG_ID_HEADER, UserRegisteredV1, decode
from gts_kit.local.nats import NatsServer
from gts_kit.testing.waiting import eventually

from .kit_service import INTERNAL, create_tables, kit_app, running_with_outbox, stage, user_event

pytestmark = pytest.mark.usefixtures("clean_state")


async def collect(nats_url: str, seconds: float) -> list[tuple[UserRegisteredV1, str]]:
    """Every user-registered event on the AUTH stream, with its Nats-Msg-Id header."""
    nc = await nats.connect(nats_url)
    js = nc.jetstream()
    sub = await js.subscribe(
        "auth.user.registered.v1", ordered_consumer=True, deliver_policy=DeliverPolicy.ALL
    )
    found: list[tuple[UserRegisteredV1, str]] = []
    try:
        while True:
            msg = await sub.next_msg(timeout=seconds)
            found.append((decode(msg.data, UserRegisteredV1), (msg.headers or {})[MSG_ID_HEADER]))
    except (TimeoutError, nats.errors.TimeoutError):
        pass
    finally:
        await nc.close()
    return found


async def unpublished(sessions: async_sessionmaker[AsyncSession]) -> int:
    """Outbox rows the relay has not published yet."""
    async with sessions() as session:
        left = await session.scalar(
            text("SELECT count(*) FROM kittest.outbox WHERE published_at IS NULL")
        )
    return int(left or 0)


async def test_rolled_back_row_is_never_published_and_committed_one_is(
    database_url: str, nats_url: str
) -> None:
    async with running_with_outbox(database_url, nats_url) as (_, sessions, outbox):
        rolled, kept = user_event("rolled"), user_event("kept")

        async def refused_change() -> None:
            async with sessions() as session, session.begin():
                await outbox.add(session, rolled)
                raise RuntimeError("change refused")

        with pytest.raises(RuntimeError, match="change refused"):
            await refused_change()
        await stage(sessions, outbox, kept)
        published = await collect(nats_url, 1.5)
    assert [(e.username, msg_id) for e, msg_id in published] == [("kept", str(kept.event_id))]


async def test_row_committed_while_nats_is_down_is_published_once_it_is_back(
    database_url: str, nats_url: str, embedded_nats: NatsServer
) -> None:
    async with running_with_outbox(database_url, nats_url) as (_, sessions, outbox):
        embedded_nats.stop()
        try:
            event = user_event("offline")
            await stage(sessions, outbox, event)
            await asyncio.sleep(1.0)
            assert await unpublished(sessions) == 1
        finally:
            embedded_nats.start()

        async def published() -> bool:
            return await unpublished(sessions) == 0

        assert await eventually(published, within=20)
        events = await collect(nats_url, 1.0)
    assert [e.event_id for e, _ in events] == [event.event_id]


async def test_ready_turns_503_without_nats_and_200_when_it_is_back(
    database_url: str, nats_url: str, embedded_nats: NatsServer
) -> None:
    await create_tables(database_url)
    async with AsyncTestClient(kit_app(database_url, nats_url)) as client:
        assert (await client.get(INTERNAL + "/health/ready")).status_code == 200
        embedded_nats.stop()
        try:

            async def unready() -> bool:
                response = await client.get(INTERNAL + "/health/ready")
                return response.status_code == 503

            assert await eventually(unready, within=15)
            body = (await client.get(INTERNAL + "/health/ready")).json()
            assert {c["name"]: c["ok"] for c in body["checks"]} == {"nats": False, "database": True}
        finally:
            embedded_nats.start()

        async def ready_again() -> bool:
            return (await client.get(INTERNAL + "/health/ready")).status_code == 200

        assert await eventually(ready_again, within=20)
        assert (await client.get("/health/live")).status_code == 200


async def test_rows_are_published_in_the_order_they_were_written_not_begun(
    database_url: str, nats_url: str
) -> None:
    async with running_with_outbox(database_url, nats_url) as (_, sessions, outbox):
        first, second = user_event("written-first"), user_event("written-second")
        # Like two changes of one row: the later transaction began first, then waited its turn.
        async with sessions() as late, late.begin():
            await late.execute(text("SELECT 1"))
            async with sessions() as early, early.begin():
                await outbox.add(early, first)
            await outbox.add(late, second)
        published = await collect(nats_url, 1.5)
    assert [e.username for e, _ in published] == ["written-first", "written-second"]


async def test_relay_waits_its_turn_while_another_replica_drains(
    database_url: str, nats_url: str
) -> None:
    async with running_with_outbox(database_url, nats_url) as (_, sessions, outbox):
        event = user_event("queued")
        async with sessions() as other_replica, other_replica.begin():
            await other_replica.execute(
                text("SELECT pg_advisory_xact_lock(hashtext('kittest.outbox'))")
            )
            await stage(sessions, outbox, event)
            assert await collect(nats_url, 1.0) == []
        published = await collect(nats_url, 1.5)
    assert [e.event_id for e, _ in published] == [event.event_id]
