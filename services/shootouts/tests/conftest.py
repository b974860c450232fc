"""Shootouts tests: the service on real PostgreSQL and NATS; catalog and render are played by
publishing their real contract events, as those services would."""

from __future__ import annotations

import asyncio
import contextlib
import io
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import nats
import numpy as np
import pytest
import soundfile as sf
from litestar.testing import AsyncTestClient
from nats.aio.client import Client as NatsClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import NullPool

from gts_contracts import (
    MSG_ID_HEADER,
    Event,
    GearAddedV1,
    GearKind,
    encode,
    spec_for,
)
from gts_kit.db.migrations import migrate
from gts_kit.testing.identity import SignedClient
from gts_kit.testing.waiting import eventually
from shootouts.app import create_app
from shootouts.config import Settings
from shootouts.db.models import MIGRATIONS_DIR, SCHEMA

SECRET = "shootouts-test-secret"
ALICE = uuid.UUID("00000000-0000-4000-8000-00000000a11c")
BOB = uuid.UUID("00000000-0000-4000-8000-000000000b0b")


def sha(n: int) -> str:
    """A made-up but well-formed sha256."""
    return f"{n:064x}"


def wav_bytes(
    seconds: float = 1.0, rate: int = 48_000, fmt: str = "WAV", freq: float = 110
) -> bytes:
    """A synthesized guitar-ish DI (a decaying tone) in `fmt`."""
    t = np.arange(int(seconds * rate)) / rate
    data = (0.5 * np.sin(2 * np.pi * freq * t) * np.exp(-t)).astype(np.float32)
    out = io.BytesIO()
    sf.write(out, data, rate, format=fmt, subtype="PCM_16")
    return out.getvalue()


class Api(SignedClient):
    """The shootouts service as the gateway calls it: each request signed for one user."""

    def __init__(self, client: AsyncTestClient[Any], js_client: NatsClient) -> None:
        super().__init__(client, SECRET)
        self.nc = js_client

    async def upload_di(
        self, user: uuid.UUID, filename: str, data: bytes, **fields: str
    ) -> httpx.Response:
        return await self.post_file(user, "/api/v1/di-tracks", filename, data, **fields)

    async def publish(self, event: Event) -> None:
        """Publish `event` on its stream as its producer would."""
        subject = spec_for(type(event)).subject
        await self.nc.jetstream().publish(
            subject, encode(event), headers={MSG_ID_HEADER: str(event.event_id)}
        )

    async def add_gear(
        self, owner: uuid.UUID, name: str, kind: GearKind, **extra: Any
    ) -> uuid.UUID:
        """Play the catalog: add a gear item (`extra`: more event fields, e.g. its levels) and
        wait until shootouts knows it."""
        gear_id = uuid.uuid4()
        await self.publish(gear_added(owner, gear_id, name, kind, **extra))

        async def known() -> bool:
            # the item twice is never a valid chain (so nothing is stored), but the answer
            # names UNKNOWN_GEAR only until the event is applied
            block = {"type": "gear", "gear_id": str(gear_id)}
            answer = await self.request(
                owner,
                "POST",
                "/api/v1/signal-chains",
                json={"name": "probe", "blocks": [block, block]},
            )
            codes = [e.get("code") for e in answer.json().get("errors", [])]
            return "UNKNOWN_GEAR" not in codes

        assert await eventually(known), f"gear {name} never reached the read model"
        return gear_id


def gear_added(
    owner: uuid.UUID, gear_id: uuid.UUID, name: str, kind: GearKind, **extra: Any
) -> GearAddedV1:
    """A catalog.gear.added.v1 event as the catalog sends it."""
    is_ir = kind == "cab-ir"
    return GearAddedV1.new(
        owner_id=owner,
        gear_id=gear_id,
        kind=kind,
        format="ir" if is_ir else "nam",
        blob_sha256=sha(abs(hash(gear_id)) % 10**12),
        size_bytes=1000,
        name=name,
        make=None,
        model=None,
        architecture=None if is_ir else "WaveNet",
        size_preset=None,
        sample_rate=48_000,
        channels=1 if is_ir else None,
        duration_seconds=0.2 if is_ir else None,
        **{"loudness": None, **extra},
    )


@pytest.fixture
async def shootouts_db(clean_state: None, database_url: str) -> str:
    """A migrated shootouts schema."""
    await asyncio.to_thread(migrate, MIGRATIONS_DIR, database_url, SCHEMA)
    return database_url


@pytest.fixture
async def engine(shootouts_db: str) -> AsyncIterator[AsyncEngine]:
    """Our own engine, to check database state (the app runs on another event loop)."""
    engine = create_async_engine(shootouts_db, poolclass=NullPool)
    yield engine
    await engine.dispose()


def settings_for(database_url: str, nats_url: str, **extra: Any) -> Settings:
    return Settings(database_url=database_url, nats_url=nats_url, internal_secret=SECRET, **extra)


@contextlib.asynccontextmanager
async def running(shootouts_db: str, nats_url: str, **settings: Any) -> AsyncIterator[Api]:
    """The service on `shootouts_db` and `nats_url` with `settings`, called as the gateway
    calls it."""
    app = create_app(settings_for(shootouts_db, nats_url, **settings))
    nc = await nats.connect(nats_url)
    try:
        async with AsyncTestClient(app, timeout=60) as client:
            yield Api(client, nc)
    finally:
        await nc.close()


@pytest.fixture
async def api(shootouts_db: str, nats_url: str) -> AsyncIterator[Api]:
    async with running(shootouts_db, nats_url, max_group_chains=4) as api:
        yield api


async def scalar(engine: AsyncEngine, sql: str, **params: Any) -> Any:
    """One value from the database."""
    async with engine.connect() as conn:
        return (await conn.execute(text(sql), params)).scalar()
