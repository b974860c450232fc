"""A job that outlives its wall-clock budget fails once, for good, and frees its worker."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator

import msgspec
import pytest
from litestar.testing import AsyncTestClient
from nats.js import JetStreamContext

from gts_kit.testing.render_events import RenderEvents
from render.app import create_app
from render.config import Settings
from render.wiring import RenderWorker

from .harness import Rig, assert_failed_for_good, command, publish_render


@pytest.fixture
async def tight_app(render_settings: Settings) -> AsyncIterator[AsyncTestClient]:  # type: ignore[type-arg]
    """One job at a time, with every budget a billionth of its usual size (about 0 s)."""
    settings = msgspec.structs.replace(
        render_settings, render_concurrency=1, render_budget_factor=1e-9
    )
    async with AsyncTestClient(app=create_app(settings)) as client:
        yield client


async def test_a_job_past_its_budget_fails_without_redelivery_and_the_next_one_runs(
    tight_app: AsyncTestClient,  # type: ignore[type-arg]
    js: JetStreamContext,
    events: RenderEvents,
    rig: Rig,
) -> None:
    slow = command(rig, chains=2)
    await publish_render(js, slow)
    failed = await events.wait_for(slow.job_id, {"failed", "completed", "cancelled"}, within=30)
    assert failed["reason"].startswith("render took longer than its budget of ")
    assert "(2 chains x 2 s of audio at the models' cost)" in failed["reason"]
    await assert_failed_for_good(js, events, slow.job_id, failed)

    # The same worker (one slot), now with the usual budget, renders the next job.
    worker = tight_app.app.state.ctx.parts.get(RenderWorker)
    assert worker.deps is not None
    worker.deps = dataclasses.replace(worker.deps, budget_factor=1.0)
    nxt = command(rig, chains=2)
    await publish_render(js, nxt)
    done = await events.wait_for(nxt.job_id, {"failed", "completed", "cancelled"}, within=60)
    assert "completed" in events.kinds(nxt.job_id), done
