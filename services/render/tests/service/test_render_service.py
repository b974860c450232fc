"""The render service on real NATS, real blobs and the real engine, driven by real commands."""

from __future__ import annotations

import asyncio

import msgspec
import pytest
from litestar.testing import AsyncTestClient
from nats.js import JetStreamContext

from gts_contracts import OUTPUTS_BUCKET, RenderJobCompletedV1, decode
from gts_kit.blobs.nats_store import NatsObjectBlobStore
from gts_kit.testing.render_events import RenderEvents
from gts_kit.testing.waiting import eventually
from render.config import Settings

from .harness import Rig, command, publish_cancel, publish_render, queue_drained, store_rig

pytestmark = pytest.mark.usefixtures("render_app")

STAGES = ["fetching", "amp", "cab", "effects", "loudness", "montage", "video", "upload"]


async def outputs_stored(js: JetStreamContext) -> int:
    """Messages in the outputs bucket's stream (chunks and meta records)."""
    info = await js.stream_info(f"OBJ_{OUTPUTS_BUCKET}")
    return info.state.messages


async def test_command_renders_and_completed_event_lists_stored_outputs(
    js: JetStreamContext, events: RenderEvents, rig: Rig
) -> None:
    cmd = command(rig, pictures=True, video=True)
    await publish_render(js, cmd)
    done = await events.wait_for(cmd.job_id, {"completed", "failed"})
    assert events.kinds(cmd.job_id)[0] == "started"
    completed = decode(msgspec.json.encode(done), RenderJobCompletedV1)
    kinds = sorted(o.kind for o in completed.outputs)
    assert "video" in kinds
    assert kinds.count("chain_audio") == 2
    assert {"montage_audio", "manifest", "card", "spectrum_plot"} <= set(kinds)
    # the montage as FLAC and as AAC in M4A, told apart by their media types
    montages = {o.content_type for o in completed.outputs if o.kind == "montage_audio"}
    assert montages == {"audio/flac", "audio/mp4"}
    chain_ids = {c.chain_id for c in cmd.chains}
    assert {o.chain_id for o in completed.outputs if o.kind == "chain_audio"} == chain_ids
    store = NatsObjectBlobStore(js, OUTPUTS_BUCKET)
    for output in completed.outputs:
        stat = await store.stat(output.blob_sha256)
        assert stat is not None
        assert stat.size == output.size_bytes
    audio = [o for o in completed.outputs if o.kind == "chain_audio"]
    assert all(o.metrics is not None and abs(o.metrics.integrated_lufs + 14) < 1 for o in audio)
    # kinds added since V1 first shipped travel beside the others, stored the same way
    extras = {o.kind: o for o in completed.extra_outputs}
    assert set(extras) == {"thumbnail", "youtube_text"}
    assert extras["thumbnail"].content_type == "image/jpeg"
    assert extras["youtube_text"].content_type == "text/plain; charset=utf-8"
    for output in completed.extra_outputs:
        stat = await store.stat(output.blob_sha256)
        assert stat is not None
        assert stat.size == output.size_bytes


async def test_progress_events_arrive_in_order_with_stage_names(
    js: JetStreamContext, events: RenderEvents
) -> None:
    rig = await store_rig(js, di_seconds=4.0)
    cmd = command(rig, chains=3)
    await publish_render(js, cmd)
    await events.wait_for(cmd.job_id, {"completed", "failed"})
    kinds = events.kinds(cmd.job_id)
    assert kinds[0] == "started"
    assert kinds[-1] == "completed"
    progress = events.of(cmd.job_id, "progress")
    assert len(progress) >= 2
    percents = [p["percent"] for p in progress]
    assert percents == sorted(percents)
    assert percents[-1] == 100.0
    stages = [p["stage"] for p in progress]
    assert set(stages) <= set(STAGES)
    ranks = [STAGES.index(s) for s in stages]
    assert ranks == sorted(ranks)
    assert stages[-1] == "upload"


async def test_redelivered_completed_job_produces_no_second_set(
    js: JetStreamContext, events: RenderEvents, rig: Rig
) -> None:
    cmd = command(rig)
    await publish_render(js, cmd)
    first = await events.wait_for(cmd.job_id, {"completed"})
    stored = await outputs_stored(js)
    # the same job again, as a redelivery after a lost ack would bring it
    again = type(cmd).new(**{f: getattr(cmd, f) for f in cmd.__struct_fields__[2:]})
    await publish_render(js, again)
    assert await eventually(lambda: queue_drained(js), within=30)
    await asyncio.sleep(0.5)
    assert len(events.of(cmd.job_id, "started")) == 1
    completed = events.of(cmd.job_id, "completed")
    assert completed == [first]  # re-published with the same event id: deduplicated
    assert await outputs_stored(js) == stored


async def test_poison_command_fails_after_bounded_retries_and_next_job_renders(
    js: JetStreamContext, events: RenderEvents, rig: Rig
) -> None:
    poison = command(rig, di_sha="0" * 64)
    good = command(rig)
    await publish_render(js, poison)
    await publish_render(js, good)
    assert (await events.wait_for(good.job_id, {"completed", "failed"}))["outputs"]
    failed = await events.wait_for(poison.job_id, {"failed"}, within=60)
    assert failed["reason"] == f"DI 'riff' blob {'0' * 64} is missing"
    assert failed["attempts"] == 3
    assert "completed" not in events.kinds(poison.job_id)
    assert await eventually(lambda: queue_drained(js), within=10)


async def test_cancel_during_rendering_ends_cancelled_with_no_outputs(
    js: JetStreamContext, events: RenderEvents
) -> None:
    rig = await store_rig(js, di_seconds=20.0, model="standard")
    cmd = command(rig, chains=4)
    await publish_render(js, cmd)
    await events.wait_for(cmd.job_id, {"started"})
    loop = asyncio.get_running_loop()

    async def amp_running() -> bool:
        return any(p["stage"] == "amp" for p in events.of(cmd.job_id, "progress"))

    assert await eventually(amp_running, within=60)
    asked = loop.time()
    await publish_cancel(js, cmd)
    await events.wait_for(cmd.job_id, {"cancelled", "completed", "failed"})
    assert events.kinds(cmd.job_id)[-1] == "cancelled"
    assert loop.time() - asked < 5.0
    assert await outputs_stored(js) == 0
    assert await eventually(lambda: queue_drained(js), within=10)


async def test_cancel_before_the_job_starts_means_it_never_renders(
    js: JetStreamContext, events: RenderEvents, rig: Rig
) -> None:
    cmd = command(rig)
    await publish_cancel(js, cmd)
    await asyncio.sleep(0.3)  # the listener records it before the command exists
    await publish_render(js, cmd)
    await events.wait_for(cmd.job_id, {"cancelled", "completed", "failed"})
    assert events.kinds(cmd.job_id) == ["cancelled"]


async def test_readiness_reports_the_queue(
    render_app: AsyncTestClient,  # type: ignore[type-arg]
    render_settings: Settings,
) -> None:
    url = f"http://testserver.local:{render_settings.internal_port}/health/ready"
    # ready once the start-up warm-up is over; until then it says why not
    deadline = asyncio.get_running_loop().time() + 120
    while (response := await render_app.get(url)).status_code != 200:
        assert "warming up" in response.text, response.text
        assert asyncio.get_running_loop().time() < deadline, response.text
        await asyncio.sleep(0.2)
    assert response.json()["status"] == "ready"
