"""The async SQLAlchemy engine of one service, confined to that service's schema."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

import msgspec
from sqlalchemy import MetaData, event
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from gts_kit.db.fair_pool import FairAsyncPool

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

log = logging.getLogger("gts.db")


def schema_metadata(schema: str) -> MetaData:
    """A MetaData whose tables all live in `schema`, with stable constraint names."""
    return MetaData(schema=schema, naming_convention=NAMING_CONVENTION)


def asyncpg_url(url: str) -> str:
    """Normalise a postgresql:// URL to the asyncpg driver."""
    for prefix in (
        "postgresql+asyncpg://",
        "postgresql+psycopg://",
        "postgresql://",
        "postgres://",
    ):
        if url.startswith(prefix):
            return "postgresql+asyncpg://" + url[len(prefix) :]
    raise ValueError(f"database_url: not a PostgreSQL URL: {url.split('@')[-1]}")


POOL_SIZE = 10


def create_engine(
    url: str, schema: str, *, timeout_seconds: float = 5.0, pool_size: int = POOL_SIZE
) -> AsyncEngine:
    """An engine whose connections search only `schema` and give up quickly when the server is gone.

    Timeouts are in seconds; a dead server fails a request fast instead of hanging it. The
    pool is fixed (a connection opened past it would be closed again on return, and opening
    one costs a PostgreSQL process) and fair: requests beyond it wait in arrival order.
    """
    engine = create_async_engine(
        asyncpg_url(url),
        poolclass=FairAsyncPool,
        pool_size=pool_size,
        max_overflow=0,
        pool_timeout=timeout_seconds,
        json_deserializer=msgspec.json.decode,  # several times faster than json.loads
        connect_args={
            "timeout": timeout_seconds,
            "command_timeout": timeout_seconds * 2,
            "server_settings": {"search_path": str(schema), "application_name": f"gts-{schema}"},
        },
    )
    _ping_when_idle(engine)
    return engine


# A pooled connection unused for longer than this is checked before it is handed out.
PING_IDLE_SECONDS = 1.0


def _ping_when_idle(engine: AsyncEngine) -> None:
    """Check a connection at checkout only if it sat idle: one that served a request a moment
    ago is alive, and pinging every checkout (`pool_pre_ping`) costs three round trips per
    request under load. A server restart takes longer than the idle limit, so every
    connection from before it is checked, and a dead one is replaced without an error."""

    @event.listens_for(engine.sync_engine, "checkin")
    def checked_in(_dbapi_connection: Any, record: Any) -> None:
        record.info[_IDLE_SINCE] = time.monotonic()

    @event.listens_for(engine.sync_engine, "checkout")
    def checked_out(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        idle_since = record.info.get(_IDLE_SINCE)
        if idle_since is None or time.monotonic() - idle_since <= PING_IDLE_SECONDS:
            return
        try:
            dbapi_connection.ping()
        except Exception as exc:  # the pool replaces the connection and tries again
            raise DisconnectionError(str(exc)) from exc


_IDLE_SINCE = "gts_idle_since"


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions that keep loaded objects usable after commit."""
    return async_sessionmaker(engine, expire_on_commit=False)


def read_engine(engine: AsyncEngine) -> AsyncEngine:
    """`engine` for reads that need no transaction (one statement sees one snapshot anyway):
    autocommit, so no BEGIN and ROLLBACK round trips around them, and Core connections, which
    cost a fraction of an ORM session for a query."""
    return engine.execution_options(isolation_level="AUTOCOMMIT")


DISPOSE_TIMEOUT_SECONDS = 5.0


async def dispose(engine: AsyncEngine) -> None:
    """Close the engine's connections; shutting down never hangs on one that will not close
    (a server gone away)."""
    try:
        await asyncio.wait_for(engine.dispose(), DISPOSE_TIMEOUT_SECONDS)
    except (TimeoutError, OSError) as exc:
        log.warning("database connections did not close cleanly: %s", exc or "timed out")
        await engine.dispose(close=False)
