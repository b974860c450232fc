"""Test helpers: synthesized DIs, captures and IRs in real buckets, commands, event capture."""

from __future__ import annotations

import asyncio
import hashlib
import io
import uuid
from dataclasses import dataclass
from typing import Any

import numpy as np
import soundfile as sf
from nats.js import JetStreamContext

from gts_contracts import DI_BUCKET, GEAR_BUCKET, encode
from gts_contracts.envelope import MSG_ID_HEADER, Event
from gts_contracts.shootouts import (
    GearBlock,
    JobCancelRequestedV1,
    RenderOptions,
    RenderRequestedV1,
)
from gts_kit.testing.blobs import put_blob
from gts_kit.testing.render_commands import DI_RATE, chain_spec, mono_di, render_command
from gts_kit.testing.render_events import RenderEvents
from gts_kit.testing.waiting import eventually
from gts_nam import synthesize_nam
from render.consumers import DURABLE

# The names the render tests use for the shared capture of render events.


def guitar_wav(seconds: float, seed: int = 0) -> bytes:
    """Plucked-string-like notes as 24-bit WAV bytes."""
    rng = np.random.default_rng(seed)
    t = np.arange(round(seconds * DI_RATE)) / DI_RATE
    out = np.zeros_like(t)
    for start in np.arange(0.0, seconds, 0.5):
        f0 = rng.uniform(80, 400)
        tt = t - start
        env = np.where(tt >= 0, np.exp(-np.clip(tt, 0, None) * 4.0), 0.0)
        out += env * sum(np.sin(2 * np.pi * f0 * k * t) / k for k in range(1, 6)) * 0.2
    buffer = io.BytesIO()
    sf.write(buffer, out.astype(np.float32), DI_RATE, format="WAV", subtype="PCM_24")
    return buffer.getvalue()


def ir_wav(seed: int = 0) -> bytes:
    """A short decaying-noise cabinet IR as WAV bytes."""
    rng = np.random.default_rng(seed)
    n = 2048
    ir = rng.standard_normal(n) * np.exp(-np.arange(n) / 200.0)
    buffer = io.BytesIO()
    sf.write(buffer, (ir / np.abs(ir).max()).astype(np.float32), DI_RATE, format="WAV")
    return buffer.getvalue()


@dataclass
class Rig:
    """Blobs stored for commands: a DI and gear blocks."""

    di_sha: str
    di_seconds: float
    amp_cab: GearBlock
    amp: GearBlock
    cab: GearBlock


async def store_rig(
    js: JetStreamContext, di_seconds: float = 2.0, model: str = "nano", seed: int = 0
) -> Rig:
    """Put a synthesized DI, two captures of `model` and an IR in the real buckets."""
    di_sha = await put_blob(js, DI_BUCKET, guitar_wav(di_seconds, seed))

    async def gear(kind: str, fmt: str, data: bytes, name: str) -> GearBlock:
        sha = await put_blob(js, GEAR_BUCKET, data)
        return GearBlock(
            gear_id=uuid.uuid4(),
            kind=kind,
            format=fmt,
            blob_sha256=sha,
            name=name,  # type: ignore[arg-type]
            architecture="WaveNet" if fmt == "nam" else None,
        )

    return Rig(
        di_sha,
        di_seconds,
        await gear("amp-cab", "nam", synthesize_nam(model, seed + 1), "Rig One"),
        await gear("amp", "nam", synthesize_nam(model, seed + 2), "Amp Two"),
        await gear("cab-ir", "ir", ir_wav(seed), "Cab 412"),
    )


def command(
    rig: Rig, *, di_sha: str | None = None, chains: int = 2, **options: Any
) -> RenderRequestedV1:
    """A render command over the rig: chain 1 the full rig, chain 2 amp plus IR, then more."""
    specs = [
        chain_spec(f"Chain {i + 1}", [rig.amp_cab] if i % 2 == 0 else [rig.amp, rig.cab])
        for i in range(chains)
    ]
    di = mono_di(di_sha or rig.di_sha, rig.di_seconds)
    opts = {"video": False, "pictures": False, "segment_seconds": 1.0, **options}
    return render_command(di, specs, RenderOptions(**opts))


async def publish(js: JetStreamContext, event: Event, subject: str) -> None:
    """Publish a command as the shootouts relay would."""
    await js.publish(subject, encode(event), headers={MSG_ID_HEADER: str(event.event_id)})


async def publish_render(js: JetStreamContext, cmd: RenderRequestedV1) -> None:
    """Publish a render command."""
    await publish(js, cmd, "shootouts.render.requested.v1")


async def publish_cancel(js: JetStreamContext, cmd: RenderRequestedV1) -> None:
    """Publish the owner's cancel of `cmd`."""
    cancel = JobCancelRequestedV1.new(job_id=cmd.job_id, owner_id=cmd.owner_id)
    await publish(js, cancel, "shootouts.job.cancel_requested.v1")


async def queue_drained(js: JetStreamContext) -> bool:
    """Render's work queue holds nothing waiting and nothing unacknowledged."""
    info = await js.consumer_info("SHOOTOUTS", DURABLE)
    return info.num_pending == 0 and info.num_ack_pending == 0


async def assert_failed_for_good(
    js: JetStreamContext, events: RenderEvents, job_id: uuid.UUID, failed: dict[str, Any]
) -> None:
    """`failed` (the job's failed event) is final: not retryable, after one attempt, and the
    job, never completed, is not delivered again once the queue drains."""
    assert "completed" not in events.kinds(job_id)
    assert failed["retryable"] is False
    assert failed["attempts"] == 1
    assert await eventually(lambda: queue_drained(js), within=10)
    await asyncio.sleep(0.5)
    assert len(events.of(job_id, "started")) == 1  # terminated, never delivered again
    assert len(events.of(job_id, "failed")) == 1


def sha256(data: bytes) -> str:
    """Hex sha256."""
    return hashlib.sha256(data).hexdigest()
