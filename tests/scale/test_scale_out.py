"""Scale-out: three `gts-render serve` processes share one work queue of twelve jobs.

Every job completes exactly once, each process takes work, and a process killed with
SIGKILL in the middle of a job loses nothing: NATS hands its unacked job to another after
the ack wait.
"""

from __future__ import annotations

import asyncio
import io
import os
import signal
import subprocess
import sys
import time
import urllib.request
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import nats
import numpy as np
import pytest
import soundfile as sf
from nats.aio.client import Client
from nats.js import JetStreamContext

from gts_contracts import DI_BUCKET, GEAR_BUCKET, encode
from gts_contracts.envelope import MSG_ID_HEADER
from gts_contracts.shootouts import GearBlock, RenderOptions, RenderRequestedV1
from gts_kit.local.ports import free_port
from gts_kit.testing.blobs import put_blob
from gts_kit.testing.render_commands import DI_RATE, chain_spec, mono_di, render_command
from gts_kit.testing.render_events import follow_render_events
from gts_kit.testing.waiting import eventually
from gts_nam import synthesize_nam

pytestmark = [pytest.mark.slow, pytest.mark.fault]

REPLICAS = 3
JOBS = 12
ACK_WAIT_SECONDS = 4.0
DI_SECONDS = 1.5
GTS_RENDER = Path(sys.executable).parent / "gts-render"


def _di_wav(seed: int) -> bytes:
    rng = np.random.default_rng(seed)
    t = np.arange(round(DI_SECONDS * DI_RATE)) / DI_RATE
    f0 = rng.uniform(80, 300)
    x = sum(np.sin(2 * np.pi * f0 * k * t) / k for k in range(1, 6)) * np.exp(-t * 2) * 0.2
    buffer = io.BytesIO()
    sf.write(buffer, x.astype(np.float32), DI_RATE, format="WAV", subtype="PCM_24")
    return buffer.getvalue()


async def _commands(js: JetStreamContext) -> list[RenderRequestedV1]:
    di_sha = await put_blob(js, DI_BUCKET, _di_wav(1))
    captures = []
    for i, kind in enumerate(("nano", "feather")):
        sha = await put_blob(js, GEAR_BUCKET, synthesize_nam(kind, seed=10 + i))
        captures.append(
            GearBlock(
                gear_id=uuid.uuid4(),
                kind="amp-cab",
                format="nam",
                blob_sha256=sha,
                name=f"{kind} rig",
                architecture="WaveNet",
            )
        )
    di = mono_di(di_sha, DI_SECONDS, name="scale")
    return [
        render_command(
            di,
            [chain_spec(c.name, [c]) for c in captures],
            RenderOptions(segment_seconds=1.0, video=False, pictures=False),
        )
        for _ in range(JOBS)
    ]


class Replica:
    """One `gts-render serve` process."""

    def __init__(self, name: str, nats_url: str, home: Path) -> None:
        self.name = name
        self.port = free_port()
        self.internal_port = free_port()
        home.mkdir(parents=True)
        env = {
            **os.environ,
            "GTS_NATS_URL": nats_url,
            "GTS_PORT": str(self.port),
            "GTS_INTERNAL_PORT": str(self.internal_port),
            "GTS_LOG_LEVEL": "WARNING",
            "GTS_RENDER_CACHE_DIR": str(home / "cache"),
            "GTS_RENDER_CONCURRENCY": "1",
            "GTS_RENDER_ACK_WAIT_SECONDS": str(ACK_WAIT_SECONDS),
            "GTS_RENDER_WORKER_NAME": name,
        }
        env.pop("GTS_DATABASE_URL", None)
        self.log = (home / "log.txt").open("wb")
        self.process = subprocess.Popen(
            [str(GTS_RENDER), "serve"], env=env, stdout=self.log, stderr=subprocess.STDOUT
        )

    def ready(self) -> bool:
        if self.process.poll() is not None:
            raise RuntimeError(f"{self.name} exited with {self.process.returncode}")
        try:
            with urllib.request.urlopen(
                f"http://127.0.0.1:{self.internal_port}/health/ready", timeout=1
            ) as response:
                return bool(response.status == 200)
        except OSError:
            return False

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()

    def wait(self) -> None:
        if self.process.poll() is None:
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


@pytest.fixture
def replicas(nats_url: str, clean_state: None, tmp_path: Path) -> Iterator[list[Replica]]:
    """Three render processes on the session's NATS, ready."""
    started = [Replica(f"render-{i}", nats_url, tmp_path / f"r{i}") for i in range(REPLICAS)]
    try:
        deadline = time.monotonic() + 60
        while not all(r.ready() for r in started):
            assert time.monotonic() < deadline, "render replicas did not become ready"
            time.sleep(0.2)
        yield started
    finally:
        for r in started:
            r.stop()
        for r in started:
            r.wait()


async def test_three_replicas_share_the_queue_and_a_killed_one_loses_nothing(
    replicas: list[Replica], nats_url: str
) -> None:
    nc: Client = await nats.connect(nats_url)
    try:
        js = nc.jetstream()
        events = await follow_render_events(js)
        commands = await _commands(js)
        for cmd in commands:
            await js.publish(
                "shootouts.render.requested.v1",
                encode(cmd),
                headers={MSG_ID_HEADER: str(cmd.event_id)},
            )
        victim = replicas[0]

        async def victim_busy() -> bool:
            return events.running_on(victim.name)

        assert await eventually(victim_busy, within=60)
        victim.process.send_signal(signal.SIGKILL)
        victim.process.wait()
        job_ids = {str(c.job_id) for c in commands}

        async def all_completed() -> bool:
            return {b["job_id"] for b in events.of_kind("completed")} == job_ids

        if not await eventually(all_completed, within=90):
            pytest.fail(f"not every job completed: {events.summary()}")
        await asyncio.sleep(ACK_WAIT_SECONDS + 1)  # time for any late duplicate to show
    finally:
        await nc.close()
    completions = Counter(b["job_id"] for b in events.of_kind("completed"))
    assert set(completions) == job_ids
    assert all(n == 1 for n in completions.values()), completions
    assert events.of_kind("failed") == []
    workers = Counter(b["worker"] for b in events.of_kind("started"))
    assert set(workers) == {r.name for r in replicas}, workers
    # the victim's job was started again elsewhere and completed there
    starts = Counter(b["job_id"] for b in events.of_kind("started"))
    assert any(n > 1 for n in starts.values()), starts
