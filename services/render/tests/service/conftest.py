"""A running render app (lifespan and all) on the session's real NATS, and a client of NATS."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import nats
import pytest
from faststream.nats import NatsBroker
from litestar.testing import AsyncTestClient
from nats.aio.client import Client
from nats.js import JetStreamContext

from gts_kit.local.ports import free_port
from gts_kit.testing.render_events import RenderEvents, follow_render_events
from render.app import create_app
from render.config import Settings

from .harness import Rig, store_rig


@pytest.fixture
async def nc(nats_url: str, clean_state: None) -> AsyncIterator[Client]:
    """A NATS connection on a JetStream with no streams or buckets left from other tests."""
    conn = await nats.connect(nats_url)
    yield conn
    await conn.close()


@pytest.fixture
def render_settings(nc: Client, nats_url: str, tmp_path: Path) -> Settings:
    """The render service's settings for tests (3 deliveries, 5 s ack wait)."""
    return Settings(
        nats_url=nats_url,
        port=free_port(),
        render_cache_dir=str(tmp_path / "cache"),
        render_ack_wait_seconds=5.0,
        render_max_deliver=3,
        render_concurrency=2,
        render_worker_name="render-test",
    )


@pytest.fixture
async def render_app(render_settings: Settings) -> AsyncIterator[AsyncTestClient]:  # type: ignore[type-arg]
    """The render service running its work queue."""
    async with AsyncTestClient(app=create_app(render_settings)) as client:
        yield client


@pytest.fixture
async def broker(nats_url: str, nc: Client) -> AsyncIterator[NatsBroker]:
    """A FastStream broker on the test NATS, for what publishes through one."""
    connected = NatsBroker(nats_url)
    await connected.connect()
    yield connected
    await connected.stop()


@pytest.fixture
def js(nc: Client) -> JetStreamContext:
    """JetStream on the test connection."""
    return nc.jetstream()


@pytest.fixture
async def events(js: JetStreamContext) -> RenderEvents:
    """Every render event, captured from the start of the RENDER stream."""
    return await follow_render_events(js)


@pytest.fixture
async def rig(js: JetStreamContext) -> Rig:
    """A 2 s DI, two nano captures and an IR, stored in the real buckets."""
    return await store_rig(js)
