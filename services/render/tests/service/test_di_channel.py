"""The render service reads the DI channel the command names, end to end on real NATS."""

from __future__ import annotations

import io

import msgspec
import numpy as np
import soundfile as sf
from litestar.testing import AsyncTestClient
from nats.js import JetStreamContext

from gts_contracts import DI_BUCKET, RenderRequestedV1
from gts_kit.testing.blobs import put_blob
from gts_kit.testing.render_commands import DI_RATE
from gts_kit.testing.render_events import follow_render_events

from .harness import command, publish_render, store_rig


def _unusable_left_usable_right(seconds: float = 2.0) -> bytes:
    """A stereo float DI: NaN on the left (refused if read), a decaying note on the right."""
    t = np.arange(round(seconds * DI_RATE)) / DI_RATE
    right = 0.4 * np.sin(2 * np.pi * 196.0 * t) * np.exp(-t)
    left = np.full_like(right, np.nan)
    frames = np.stack([left, right], axis=1).astype(np.float32)
    out = io.BytesIO()
    sf.write(out, frames, DI_RATE, format="WAV", subtype="FLOAT")  # PCM would clip NaN to -1
    return out.getvalue()


def _reading(cmd: RenderRequestedV1, sha: str, channel: str) -> RenderRequestedV1:
    (di,) = cmd.di_tracks
    ref = msgspec.structs.replace(di, blob_sha256=sha, channels=2, channel=channel)
    return msgspec.structs.replace(cmd, di_tracks=[ref])


async def test_the_command_s_channel_is_the_one_rendered(
    render_app: AsyncTestClient,  # type: ignore[type-arg]
    js: JetStreamContext,
) -> None:
    rig = await store_rig(js)
    sha = await put_blob(js, DI_BUCKET, _unusable_left_usable_right())
    events = await follow_render_events(js)
    right = _reading(command(rig), sha, "right")
    left = _reading(command(rig), sha, "left")
    await publish_render(js, right)
    await publish_render(js, left)
    done = await events.wait_for(right.job_id, {"completed", "failed"})
    assert "completed" in events.kinds(right.job_id), done
    assert done["outputs"]
    failed = await events.wait_for(left.job_id, {"completed", "failed"})
    assert "failed" in events.kinds(left.job_id)
    assert "NaN" in failed["reason"]
