"""The shootout browser tests' library: alice's DI, two amps and a cab IR from TONE3000, two
chains of them, and a third chain that cannot render. Each test module gets its own, its
names tagged apart from every other module's. `shootouts_ui` bundles it with alice's pages."""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from gts_cli.client import GtsClient, GtsError
from gts_cli.flow import import_gear, upload_di
from gts_cli.synth_di import di_wav_bytes
from tone3000_sandbox.library.ir import synthesize_ir

from ..harness import Guard
from .pages import ShootoutsUI


def chain(client: GtsClient, name: str, gear_ids: list[str]) -> Any:
    """A chain of these gear items; gear reaches shootouts a moment after the catalog has it."""
    body = {"name": name, "blocks": [{"type": "gear", "gear_id": g} for g in gear_ids]}
    deadline = time.monotonic() + 20
    while True:
        try:
            return client.post("/api/v1/signal-chains", json=body)
        except GtsError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@pytest.fixture(scope="module")
def library(alice: GtsClient) -> dict[str, Any]:
    """Alice's DI (20 s), two amps and a cab IR from TONE3000, two chains; a third chain on an
    IR she then deletes, so it cannot render."""
    tag = uuid.uuid4().hex[:6]  # the module's own: its chains' names are unique on a page
    di = upload_di(alice, di_wav_bytes(20.0, seed=31), f"Riff {tag}")
    amps, irs = import_gear(alice, amps=2, irs=1)
    first = chain(alice, f"Crunch {tag}", [amps[0]["id"], irs[0]["id"]])
    second = chain(alice, f"Lead {tag}", [amps[1]["id"], irs[0]["id"]])
    doomed = synthesize_ir(seed=random.randrange(1 << 30))  # an IR no other test has
    doomed_ir = alice.post(
        "/api/v1/gear",
        files={"file": (f"doomed-{tag}.wav", doomed, "audio/wav")},
        data={"kind": "cab-ir"},
    )
    broken = chain(alice, f"Broken {tag}", [amps[0]["id"], doomed_ir["id"]])
    alice.request("DELETE", f"/api/v1/gear/{doomed_ir['id']}")
    # the removal reaches shootouts as an event, a moment later
    deadline = time.monotonic() + 20
    while alice.get(f"/api/v1/signal-chains/{broken['id']}")["usable"]:
        assert time.monotonic() < deadline, "the chain stayed usable after its IR was deleted"
        time.sleep(0.2)
    return {"di": di, "chains": [first, second], "broken": broken}


@pytest.fixture
def shootouts_ui(
    signed_in: Callable[[str], Page],
    alice: GtsClient,
    library: dict[str, Any],
    guard: Guard,
    screenshots: Path,
) -> ShootoutsUI:
    return ShootoutsUI(alice, library, guard, screenshots, signed_in)
