"""A rendered shootout made through the API, for browser tests that start on its page.

The gear is synthesized and uploaded from memory (the TONE3000 stand-in throttles accounts
that many tests import from), each call with seeds of its own, so every chain sounds
different and no test shares another's items.
"""

from __future__ import annotations

import random
import time
import uuid
from typing import Any

from gts_cli.client import GtsClient
from gts_cli.flow import create_shootout, make_chain_of, upload_di
from gts_cli.synth_di import di_wav_bytes
from gts_nam import synthesize_nam
from tone3000_sandbox.library.ir import synthesize_ir

RENDER_SECONDS = 180.0  # a few chains over a short DI take seconds; leave room on a busy box


def render_shootout(
    client: GtsClient,
    name: str,
    *,
    chains: int = 3,
    visibility: str = "private",
    blind: bool = False,
    di_seconds: float = 8.0,
) -> dict[str, Any]:
    """Make `chains` chains (a synthesized amp each into one synthesized cab IR), a DI of
    `di_seconds` seconds and a shootout of them named `name`, render it and wait until the
    render completes (no video or pictures: they take the longest and no listening needs them).

    Returns {"shootout": the shootout as GET answers it after the render, "chains": the
    chains in order, "di": the DI track, "id": the shootout's id}.
    """
    tag = uuid.uuid4().hex[:6]
    seed = random.randrange(1 << 30)
    cab = client.post(
        "/api/v1/gear",
        files={"file": (f"cab-{tag}.wav", synthesize_ir(seed), "audio/wav")},
        data={"kind": "cab-ir"},
    )
    made = []
    for n in range(chains):
        amp_name = f"Amp {n + 1} {tag}"
        amp = client.post(
            "/api/v1/gear",
            files={
                "file": (
                    f"amp-{tag}-{n}.nam",
                    synthesize_nam("nano", seed=seed + n + 1, name=amp_name),
                )
            },
        )
        made.append(make_chain_of(client, f"{name} chain {n + 1}", [amp, cab]))
    di = upload_di(client, di_wav_bytes(di_seconds, seed=seed % 10_000), f"{name} riff")
    shootout = create_shootout(
        client,
        name,
        [di["id"]],
        [c["id"] for c in made],
        visibility=visibility,
        montage={"segment_seconds": 1.0, "blind": blind},
        outputs={"video": False, "pictures": False},
    )
    job = client.post(f"/api/v1/shootouts/{shootout['id']}/render")
    deadline = time.monotonic() + RENDER_SECONDS
    while (status := client.get(f"/api/v1/jobs/{job['job_id']}")["status"]) != "completed":
        if status in ("failed", "cancelled"):
            raise RuntimeError(f"the render of {name!r} ended {status}")
        if time.monotonic() > deadline:
            raise TimeoutError(f"the render of {name!r} did not complete in {RENDER_SECONDS:.0f}s")
        time.sleep(0.5)
    return {
        "shootout": client.get(f"/api/v1/shootouts/{shootout['id']}"),
        "chains": made,
        "di": di,
        "id": shootout["id"],
    }
