"""Idempotent consumers with bounded redelivery, against real PostgreSQL and NATS."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import AsyncIterator

import nats
import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from nats.js import JetStreamContext
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from gts_contracts import MSG_ID_HEADER, UserRegisteredV1, encode, stream_for
from gts_kit.testing.waiting import eventually

from .kit_service import INTERNAL, Behaviour, create_tables, kit_app, user_event

pytestmark = pytest.mark.usefixtures("clean_state")


DURABLE = "kittest-users"
SUBJECT = "auth.user.registered.v1"


async def count_effects(database_url: str, username: str | None = None) -> int:
    """Counted on a connection of the test's own: the app's pool belongs to the app's loop."""
    engine = create_async_engine(database_url, poolclass=NullPool)
    async with engine.connect() as conn:
        count = await conn.scalar(
            text(
                "SELECT count(*) FROM kittest.effects"
                " WHERE CAST(:u AS text) IS NULL OR username = :u"
            ),
            {"u": username},
        )
    await engine.dispose()
    return int(count or 0)


async def settled(js: JetStreamContext) -> bool:
    """The consumer holds nothing: no message waits, none is delivered and unacknowledged."""
    info = await js.consumer_info(stream_for("auth").name, DURABLE)
    return info.num_pending == 0 and info.num_ack_pending == 0


async def publish_sentinel(js: JetStreamContext, behaviour: Behaviour) -> None:
    """Publish an event after the others and wait until it has been handled and the
    consumer holds nothing more: a late duplicate of anything before it would be seen."""
    await publish(js, user_event("sentinel"))

    async def handled() -> bool:
        return "sentinel" in behaviour.seen and await settled(js)

    assert await eventually(handled)


@contextlib.asynccontextmanager
async def consuming(
    database_url: str, nats_url: str, behaviour: Behaviour | None = None
) -> AsyncIterator[tuple[AsyncTestClient[Litestar], JetStreamContext]]:
    """The tiny service running on fresh tables (its consumer behaving as `behaviour` says,
    none without one), and a JetStream context on a connection of the test's own."""
    await create_tables(database_url)
    nc = await nats.connect(nats_url)
    try:
        async with AsyncTestClient(kit_app(database_url, nats_url, behaviour)) as client:
            yield client, nc.jetstream()
    finally:
        await nc.close()


async def publish(js: JetStreamContext, event: UserRegisteredV1) -> None:
    """Publish `event` as its producer would: its event id is the message id."""
    await js.publish(SUBJECT, encode(event), headers={MSG_ID_HEADER: str(event.event_id)})


async def test_same_event_published_twice_has_its_effect_once(
    database_url: str, nats_url: str
) -> None:
    behaviour = Behaviour()
    async with consuming(database_url, nats_url, behaviour) as (_, js):
        event = user_event("twice")
        # Different message ids get past JetStream's deduplication: the inbox must catch it.
        for _ in range(2):
            await js.publish(SUBJECT, encode(event), headers={MSG_ID_HEADER: str(uuid.uuid4())})

        await publish_sentinel(js, behaviour)
        assert behaviour.seen.count("twice") == 2
        assert await count_effects(database_url, "twice") == 1


async def test_messages_published_at_once_are_handled_one_at_a_time_in_stream_order(
    database_url: str, nats_url: str
) -> None:
    behaviour = Behaviour(pause=0.05)
    names = [f"user{i}" for i in range(8)]
    async with consuming(database_url, nats_url, behaviour) as (_, js):
        # Published much faster than the consumer handles them (50 ms each).
        for name in names:
            await publish(js, user_event(name))

        async def all_seen() -> bool:
            return behaviour.calls >= len(names)

        assert await eventually(all_seen, within=15)
    assert behaviour.most_at_once == 1
    assert behaviour.seen == names


async def test_duplicate_publish_with_the_same_msg_id_is_dropped_by_jetstream(
    database_url: str, nats_url: str
) -> None:
    async with consuming(database_url, nats_url) as (_, js):
        event = user_event("dedup")
        headers = {MSG_ID_HEADER: str(event.event_id)}
        first = await js.publish(SUBJECT, encode(event), headers=headers)
        second = await js.publish(SUBJECT, encode(event), headers=headers)
        assert not first.duplicate
        assert second.duplicate
        assert second.seq == first.seq


async def test_redelivery_after_a_crash_past_the_commit_has_its_effect_once(
    database_url: str, nats_url: str
) -> None:
    behaviour = Behaviour(fail_after_apply=1)
    async with consuming(database_url, nats_url, behaviour) as (_, js):
        await publish(js, user_event("crash"))

        async def redelivered() -> bool:
            return behaviour.calls >= 2

        assert await eventually(redelivered)
        await publish_sentinel(js, behaviour)
        assert behaviour.seen.count("crash") == 2
        assert await count_effects(database_url, "crash") == 1
        assert behaviour.dead_letters == []


async def test_handler_that_keeps_failing_stops_after_max_deliver_and_is_counted(
    database_url: str, nats_url: str
) -> None:
    behaviour = Behaviour(always_fail=True)
    async with consuming(database_url, nats_url, behaviour) as (client, js):
        await publish(js, user_event("poison"))

        async def dead() -> bool:
            return len(behaviour.dead_letters) == 1

        assert await eventually(dead)

        async def quiet() -> bool:
            return await settled(js)

        # Every handler here fails, so no sentinel can pass: the consumer holding no message
        # (none pending, none awaiting an ack) is what rules out a later delivery.
        assert await eventually(quiet)
        assert behaviour.calls == 3  # max_deliver
        assert "handler failed on purpose" in behaviour.dead_letters[0]
        assert await count_effects(database_url) == 0
        metrics = (await client.get(INTERNAL + "/metrics")).text
        line = 'gts_consumer_dead_letters_total{consumer="kittest-users",service="kittest"}'
        assert f"{line} 1.0" in metrics


async def test_undecodable_payload_is_dead_lettered_at_once(
    database_url: str, nats_url: str
) -> None:
    behaviour = Behaviour()
    async with consuming(database_url, nats_url, behaviour) as (_, js):
        await js.publish(SUBJECT, b'{"not": "an event"}', headers={MSG_ID_HEADER: "x-1"})

        async def dead() -> bool:
            return len(behaviour.dead_letters) == 1

        assert await eventually(dead)
        assert "undecodable" in behaviour.dead_letters[0]
        assert behaviour.calls == 0
