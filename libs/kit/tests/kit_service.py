"""A tiny service built with the kit, for testing the kit against real PostgreSQL and NATS."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field

from faststream.nats.annotations import NatsMessage
from litestar import Litestar, get
from litestar.testing import AsyncTestClient
from sqlalchemy import Column, Integer, MetaData, Table, Text, func, insert, select
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.pool import NullPool

from gts_contracts import Event, UserRegisteredV1
from gts_kit.db.engine import asyncpg_url, schema_metadata
from gts_kit.db.messaging_tables import inbox_table, outbox_dead_letters_table, outbox_table
from gts_kit.messaging.consumer import Consumer
from gts_kit.messaging.outbox import Outbox
from gts_kit.runner import run_service_cli
from gts_kit.service import ServiceContext, ServiceSpec, create_service_app
from gts_kit.settings import ServiceSettings

SCHEMA = "kittest"
# Where a test client reaches the internal port (health and metrics) of `kit_app`.
INTERNAL = f"http://testserver.local:{ServiceSettings().internal_port}"
metadata = schema_metadata(SCHEMA)
effects = Table(
    "effects",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", UUID(as_uuid=True), nullable=False),
    Column("username", Text, nullable=False),
)


@dataclass
class Behaviour:
    """How the test consumer behaves: fail the first `fail_times` deliveries, then apply."""

    fail_times: int = 0
    always_fail: bool = False
    fail_after_apply: int = 0
    calls: int = 0
    dead_letters: list[str] = field(default_factory=list)
    # Seconds each delivery takes; who was handled in which order; the most handled at once.
    pause: float = 0.0
    seen: list[str] = field(default_factory=list)
    running: int = 0
    most_at_once: int = 0


async def create_tables(database_url: str) -> None:
    """The schema as a migration would leave it."""
    engine = create_async_engine(asyncpg_url(database_url), poolclass=NullPool)
    async with engine.begin() as conn:
        await conn.exec_driver_sql(f'CREATE SCHEMA IF NOT EXISTS "{SCHEMA}"')
        kit = MetaData(schema=SCHEMA)
        outbox_table(kit)
        outbox_dead_letters_table(kit)
        inbox_table(kit)
        await conn.run_sync(kit.create_all)
        await conn.run_sync(metadata.create_all)
    await engine.dispose()


def consumer_factory(
    behaviour: Behaviour,
) -> Callable[[ServiceContext], list[Consumer[UserRegisteredV1]]]:
    def factory(ctx: ServiceContext) -> list[Consumer[UserRegisteredV1]]:
        async def handle(event: UserRegisteredV1, _msg: NatsMessage) -> None:
            behaviour.calls += 1
            behaviour.seen.append(event.username)
            behaviour.running += 1
            behaviour.most_at_once = max(behaviour.most_at_once, behaviour.running)
            try:
                await asyncio.sleep(behaviour.pause)
            finally:
                behaviour.running -= 1
            if behaviour.always_fail or behaviour.calls <= behaviour.fail_times:
                raise RuntimeError("handler failed on purpose")
            assert ctx.inbox is not None
            async with ctx.db()() as session, session.begin():
                if await ctx.inbox.claim(
                    session, "kittest-users", event.event_id, "auth.user.registered.v1"
                ):
                    await session.execute(
                        insert(effects).values(user_id=event.user_id, username=event.username)
                    )
            if behaviour.calls <= behaviour.fail_after_apply:
                raise RuntimeError("crashed after the effect committed, before the ack")

        async def dead(event: UserRegisteredV1 | None, reason: str, body: bytes) -> None:
            behaviour.dead_letters.append(reason)

        return [
            Consumer(
                service="kittest",
                durable="kittest-users",
                message_type=UserRegisteredV1,
                handler=handle,
                max_deliver=3,
                retry_delay_seconds=0.05,
                on_dead_letter=dead,
            )
        ]

    return factory


@get("/search")
async def search(q: str, ctx: ServiceContext) -> dict[str, int]:
    """Looks `q` up in the database (a route for testing how bad values are refused)."""
    async with ctx.db()() as session:
        found = await session.scalar(
            select(func.count()).select_from(effects).where(effects.c.username == q)
        )
    return {"found": int(found or 0)}


def kit_app(
    database_url: str,
    nats_url: str,
    behaviour: Behaviour | None = None,
    *,
    settings: ServiceSettings | None = None,
) -> Litestar:
    """The tiny service, with a consumer of `auth.user.registered.v1` when a behaviour is given."""
    settings = settings or ServiceSettings(database_url=database_url, nats_url=nats_url)
    spec = ServiceSpec(
        name="kittest",
        settings=settings,
        metadata=metadata,
        route_handlers=[search],
        consumers=consumer_factory(behaviour) if behaviour is not None else None,
    )
    return create_service_app(spec)


def serve() -> int:
    """`gts-kittest serve`: the tiny service as a real process, its settings from `GTS_*`."""

    def make(settings: ServiceSettings) -> Litestar:
        assert settings.database_url is not None
        return kit_app(settings.database_url, settings.nats_url, settings=settings)

    return run_service_cli("kittest", ServiceSettings, make, schema=SCHEMA, argv=["serve"])


def user_event(username: str = "alice") -> UserRegisteredV1:
    """A real contract event."""
    return UserRegisteredV1.new(
        user_id=uuid.uuid4(),
        tone3000_user_id="t3k-" + username,
        username=username,
        display_name=None,
        avatar_url=None,
    )


@contextlib.asynccontextmanager
async def own_sessions(
    database_url: str,
) -> AsyncIterator[tuple[async_sessionmaker[AsyncSession], Outbox]]:
    """Sessions and an outbox on the test's own loop (the app under test runs on another one)."""
    engine = create_async_engine(asyncpg_url(database_url), poolclass=NullPool)
    try:
        yield async_sessionmaker(engine), Outbox(outbox_table(MetaData(schema=SCHEMA)))
    finally:
        await engine.dispose()


async def stage(sessions: async_sessionmaker[AsyncSession], outbox: Outbox, *events: Event) -> None:
    """Write `events` to the outbox in one committed transaction, as a service's change does."""
    async with sessions() as session, session.begin():
        for event in events:
            await outbox.add(session, event)


@contextlib.asynccontextmanager
async def running_with_outbox(
    database_url: str, nats_url: str
) -> AsyncIterator[tuple[AsyncTestClient[Litestar], async_sessionmaker[AsyncSession], Outbox]]:
    """The tiny service running on fresh tables (its relay publishing what the outbox holds),
    with sessions and an outbox of the test's own."""
    await create_tables(database_url)
    async with (
        AsyncTestClient(kit_app(database_url, nats_url)) as client,
        own_sessions(database_url) as (sessions, outbox),
    ):
        yield client, sessions, outbox
