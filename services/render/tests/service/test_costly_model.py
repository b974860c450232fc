"""A job whose capture asks for more work than any real model fails once, with the reason."""

from __future__ import annotations

import json

import msgspec
from litestar.testing import AsyncTestClient
from nats.js import JetStreamContext

from gts_contracts import GEAR_BUCKET
from gts_kit.testing.blobs import put_blob
from gts_kit.testing.render_events import RenderEvents
from gts_nam import synthesize_nam

from .harness import Rig, assert_failed_for_good, command, publish_render


def _costly_nam() -> bytes:
    """Well formed, every weight count right: 2 layers of kernel 64 at dilation 65,536."""
    doc = json.loads(synthesize_nam("nano", seed=5))
    array = {
        "input_size": 1, "condition_size": 1, "head_size": 1, "channels": 1, "kernel_size": 64,
        "dilations": [65_536, 65_536], "activation": "Tanh", "gated": False, "head_bias": True,
    }  # fmt: skip
    doc["config"] = {"layers": [array], "head": None, "head_scale": 0.02}
    doc["weights"] = [0.01] * (1 + 68 * 2 + 3)
    return json.dumps(doc).encode()


async def test_a_model_past_the_cost_limits_fails_the_job_without_redelivery(
    render_app: AsyncTestClient,  # type: ignore[type-arg]
    js: JetStreamContext,
    events: RenderEvents,
    rig: Rig,
) -> None:
    sha = await put_blob(js, GEAR_BUCKET, _costly_nam())
    rig.amp_cab = msgspec.structs.replace(rig.amp_cab, blob_sha256=sha)
    cmd = command(rig, chains=1)
    await publish_render(js, cmd)
    failed = await events.wait_for(cmd.job_id, {"failed", "completed"}, within=30)
    assert "config.layers[0].dilations: receptive field 8,257,537 samples" in failed["reason"]
    assert "the limit is 65,536" in failed["reason"]
    await assert_failed_for_good(js, events, cmd.job_id, failed)
