"""The main flow through the gateway only: sign-in to downloaded, loudness-matched outputs,
live progress over the WebSocket, a render process killed mid-job, a cancel, and isolation."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pyloudnorm as pyln
import pytest
import soundfile as sf
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from gts_cli.client import GtsClient, GtsError
from gts_cli.flow import (
    create_shootout,
    download_outputs,
    follow_job,
    import_gear,
    make_chain,
    upload_di,
    ws_url,
)
from gts_cli.stack.stack import Stack
from gts_cli.synth_di import di_wav_bytes

pytestmark = pytest.mark.e2e

STAGES = ["fetching", "amp", "cab", "effects", "loudness", "montage", "video", "upload"]


@pytest.fixture(scope="module")
def setup(alice: GtsClient) -> dict[str, Any]:
    """Alice's DI (8 s), two amps and an IR imported from TONE3000, two chains."""
    di = upload_di(alice, di_wav_bytes(8.0), "e2e riff")
    amps, irs = import_gear(alice, amps=2, irs=1)
    chains = [make_chain(alice, amp, irs[0]) for amp in amps]
    return {"di": di, "chains": chains}


def new_shootout(client: GtsClient, setup: dict[str, Any], di_id: str | None = None) -> Any:
    return create_shootout(
        client,
        "e2e shootout",
        [di_id or setup["di"]["id"]],
        [c["id"] for c in setup["chains"]],
        outputs={"video": True, "pictures": True},
    )


def test_full_flow_ends_in_downloaded_loudness_matched_outputs(
    alice: GtsClient, setup: dict[str, Any], tmp_path: Path
) -> None:
    shootout = new_shootout(alice, setup)
    job = alice.post(f"/api/v1/shootouts/{shootout['id']}/render")
    events = list(follow_job(alice, str(job["job_id"]), timeout=300))

    kinds = [e["event"] for e in events]
    assert kinds[-1] == "completed", events[-1]
    progress = [e for e in events if e["event"] == "progress"]
    assert progress, kinds
    percents = [e["percent"] for e in progress]
    assert percents == sorted(percents)
    stage_order = [STAGES.index(e["stage"]) for e in progress]
    assert stage_order == sorted(stage_order)

    files = download_outputs(alice, shootout["id"], tmp_path)
    names = [f.name for f in files]
    chain_audio = [f for f in files if "chain_audio" in f.name]
    assert len(chain_audio) == 2, names
    assert any(n.endswith(".mp4") for n in names)
    assert any("montage_audio" in n for n in names)
    loudness = []
    for path in chain_audio:
        audio, rate = sf.read(io.BytesIO(path.read_bytes()))
        assert np.all(np.isfinite(audio))
        loudness.append(pyln.Meter(rate).integrated_loudness(audio))
    assert max(loudness) - min(loudness) <= 0.1
    # -14 LUFS unless a chain's true peak made the common target lower for all.
    assert loudness[0] <= -14.0 + 0.1

    view = alice.get(f"/api/v1/shootouts/{shootout['id']}")
    assert view["latest_job"]["status"] == "completed"
    assert all(
        r["metrics"]["integrated_lufs"] == pytest.approx(loudness[0], abs=0.1)
        for r in view["results"]
        if r["kind"] == "chain_audio"
    )


def test_killed_render_process_is_recovered_with_one_set_of_outputs(
    stack: Stack, alice: GtsClient, setup: dict[str, Any]
) -> None:
    long_di = upload_di(alice, di_wav_bytes(40.0, seed=11), "long riff")
    shootout = new_shootout(alice, setup, long_di["id"])
    job = alice.post(f"/api/v1/shootouts/{shootout['id']}/render")
    render = stack.children["render"]
    killed = False
    events = []
    for event in follow_job(alice, str(job["job_id"]), timeout=400):
        events.append(event)
        if not killed and event["event"] == "progress" and event["stage"] == "amp":
            render.kill()
            killed = True
            render.start()
    assert killed
    assert events[-1]["event"] == "completed"
    jobs = alice.get(f"/api/v1/shootouts/{shootout['id']}/jobs")
    items = jobs["items"] if isinstance(jobs, dict) else jobs
    assert [j["status"] for j in items] == ["completed"]
    assert items[0]["attempts"] >= 2
    results = alice.get(f"/api/v1/shootouts/{shootout['id']}")["results"]
    chain_audio = [r for r in results if r["kind"] == "chain_audio"]
    assert len(chain_audio) == 2  # exactly one set of outputs
    assert len({r["id"] for r in results}) == len(results)


def test_cancel_during_rendering_ends_cancelled_with_no_outputs(
    alice: GtsClient, setup: dict[str, Any]
) -> None:
    long_di = upload_di(alice, di_wav_bytes(30.0, seed=12), "cancel riff")
    shootout = new_shootout(alice, setup, long_di["id"])
    job = alice.post(f"/api/v1/shootouts/{shootout['id']}/render")
    job_id = str(job["job_id"])
    sent = False
    events = []
    for event in follow_job(alice, job_id, timeout=300):
        events.append(event)
        if not sent and event["event"] == "progress":
            alice.post(f"/api/v1/jobs/{job_id}/cancel")
            sent = True
    assert events[-1]["event"] == "cancelled", events[-1]
    assert alice.get(f"/api/v1/jobs/{job_id}")["status"] == "cancelled"
    assert alice.get(f"/api/v1/shootouts/{shootout['id']}")["results"] == []


def test_another_user_sees_nothing_of_alices(
    alice: GtsClient, bob: GtsClient, setup: dict[str, Any]
) -> None:
    shootout = new_shootout(alice, setup)
    job = alice.post(f"/api/v1/shootouts/{shootout['id']}/render")
    job_id = str(job["job_id"])
    chain_id = setup["chains"][0]["id"]
    di_id = setup["di"]["id"]
    for method, path in [
        ("GET", f"/api/v1/shootouts/{shootout['id']}"),
        ("POST", f"/api/v1/shootouts/{shootout['id']}/render"),
        ("GET", f"/api/v1/jobs/{job_id}"),
        ("POST", f"/api/v1/jobs/{job_id}/cancel"),
        ("GET", f"/api/v1/signal-chains/{chain_id}"),
        ("GET", f"/api/v1/di-tracks/{di_id}"),
        ("GET", f"/api/v1/di-tracks/{di_id}/audio"),
        ("GET", f"/api/v1/gear/{setup['chains'][0]['blocks'][0]['gear_id']}"),
    ]:
        with pytest.raises(GtsError) as refused:
            bob.request(method, path)
        assert refused.value.response.status_code == 404, (method, path)
        assert refused.value.response.headers["content-type"] == "application/problem+json"
    # Bob cannot follow Alice's job on the WebSocket either.
    with connect(ws_url(bob), additional_headers={"Cookie": bob.cookie_header()}) as socket:
        socket.send(json.dumps({"type": "subscribe", "job_id": job_id}))
        with pytest.raises(ConnectionClosed) as closed:
            socket.recv(timeout=10)
    assert closed.value.rcvd is not None
    assert closed.value.rcvd.code == 4004
    list(follow_job(alice, job_id, timeout=300))  # let it finish before the next test


def test_outputs_stream_with_range_requests(alice: GtsClient, setup: dict[str, Any]) -> None:
    shootouts = alice.get("/api/v1/shootouts")
    items = shootouts["items"] if isinstance(shootouts, dict) else shootouts
    done = [s for s in items if s.get("latest_job") and s["latest_job"]["status"] == "completed"]
    assert done
    results = alice.get(f"/api/v1/shootouts/{done[0]['id']}")["results"]
    audio = next(r for r in results if r["content_type"] == "audio/mp4")  # the montage's M4A
    whole = alice.request("GET", f"/api/v1/outputs/{audio['id']}")
    part = alice.request(
        "GET", f"/api/v1/outputs/{audio['id']}", headers={"Range": "bytes=100-199"}
    )
    assert whole.headers["content-type"] == "audio/mp4"
    assert part.status_code == 206
    assert part.content == whole.content[100:200]
    assert part.headers["content-range"] == f"bytes 100-199/{len(whole.content)}"


def test_gts_demo_completes_against_the_stack(stack: Stack, tmp_path: Path) -> None:
    result = subprocess.run(
        [str(Path(sys.executable).parent / "gts"), "demo", "--url", stack.gateway_url,
         "--user", "carol", "--seconds", "6", "-o", str(tmp_path / "demo")],
        capture_output=True, text=True, timeout=400, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert "results in" in result.stdout
    files = sorted(p.name for p in (tmp_path / "demo").iterdir())
    assert any(f.endswith(".mp4") for f in files)
    assert sum("chain_audio" in f for f in files) == 2
