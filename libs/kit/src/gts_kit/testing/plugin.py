"""pytest plugin: real PostgreSQL and NATS for the session, and a clean slate for each test.

Enable with `pytest_plugins = ["gts_kit.testing.plugin"]` in the root conftest.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import nats
import pytest
from nats.js.errors import NotFoundError
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from gts_kit.db.engine import asyncpg_url
from gts_kit.local.nats import NatsServer
from gts_kit.local.postgres import PostgresServer
from gts_kit.testing.servers import Servers, session_servers

SYSTEM_SCHEMAS = ("public", "information_schema")


@pytest.fixture(scope="session")
def gts_servers() -> Iterator[Servers]:
    """The session's real PostgreSQL and NATS with JetStream."""
    # Not under pytest's tmp: pytest keeps that 0700, which the unprivileged PostgreSQL
    # user (when tests run as root) cannot enter.
    workdir = Path(tempfile.mkdtemp(prefix="gts-test-servers-"))
    workdir.chmod(0o755)
    try:
        with session_servers(workdir) as servers:
            yield servers
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def database_url(gts_servers: Servers) -> str:
    """The asyncpg URL of the test database."""
    return asyncpg_url(gts_servers.database_url)


@pytest.fixture(scope="session")
def nats_url(gts_servers: Servers) -> str:
    """The URL of the test NATS server."""
    return gts_servers.nats_url


@pytest.fixture
async def clean_state(database_url: str, nats_url: str) -> None:
    """Start the test with no GTS schemas in PostgreSQL and no streams or buckets in NATS."""
    await wipe_database(database_url)
    await wipe_jetstream(nats_url)


@pytest.fixture
def embedded_nats(gts_servers: Servers) -> NatsServer:
    """The embedded NATS server itself, for tests that stop and start it."""
    if gts_servers.nats is None:
        pytest.skip(f"NATS comes from {gts_servers.source}; it cannot be stopped here")
    return gts_servers.nats


@pytest.fixture
def embedded_postgres(gts_servers: Servers) -> PostgresServer:
    """The embedded PostgreSQL server itself, for tests that restart it."""
    if gts_servers.postgres is None:
        pytest.skip(f"PostgreSQL comes from {gts_servers.source}; it cannot be restarted here")
    return gts_servers.postgres


async def wipe_database(database_url: str) -> None:
    """Drop every non-system schema."""
    engine = create_async_engine(asyncpg_url(database_url), poolclass=NullPool)
    try:
        async with engine.begin() as conn:
            rows = await conn.execute(
                text(
                    "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg_%' "
                    "AND nspname <> ALL(:system)"
                ),
                {"system": list(SYSTEM_SCHEMAS)},
            )
            for (schema,) in rows.all():
                await conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    finally:
        await engine.dispose()


async def wipe_jetstream(nats_url: str) -> None:
    """Delete every stream (which also removes key-value and object-store buckets)."""
    nc = await nats.connect(nats_url, connect_timeout=5, max_reconnect_attempts=1)
    try:
        js = nc.jetstream()
        for name in await js.streams_info():
            with contextlib.suppress(NotFoundError):
                await js.delete_stream(name.config.name or "")
    finally:
        await nc.close()


def repo_root() -> Path:
    """The repository root (where the root pyproject.toml is)."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "uv.lock").exists():
            return parent
    raise RuntimeError("repository root not found")
