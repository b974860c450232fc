"""`gts up` keeps the stack up: a render worker SIGKILLed mid-job is restarted by the
supervisor, and the job it held completes once (JetStream redelivers the unacked command)."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator

import httpx
import pytest

from gts_cli.client import GtsClient, GtsError
from gts_cli.flow import create_shootout, import_gear, make_chain, upload_di
from gts_cli.stack.stack import Stack
from gts_cli.stack.supervisor import RestartPolicy, Supervisor
from gts_cli.synth_di import di_wav_bytes

from .conftest import signed_in
from .rendering import assert_one_set_of_outputs
from .test_faults import LIGHT, wait_final

pytestmark = [pytest.mark.e2e, pytest.mark.fault]


@pytest.fixture(scope="module")
def carol(stack: Stack) -> Iterator[GtsClient]:
    """Carol, signed in (her library is separate from the other tests' users)."""
    yield from signed_in(stack, "carol")


@pytest.fixture
def supervised(stack: Stack) -> Iterator[list[str]]:
    """The supervisor `gts up` runs, on the shared stack for this test; yields its log lines."""
    lines: list[str] = []
    raised: list[BaseException] = []
    stop = threading.Event()
    supervisor = Supervisor(stack.children, RestartPolicy(), say=lines.append)

    def supervise() -> None:
        try:
            supervisor.run(stop.is_set, interval=0.2)
        except BaseException as exc:
            raised.append(exc)

    thread = threading.Thread(target=supervise, daemon=True)
    thread.start()
    yield lines
    stop.set()
    thread.join(timeout=10)
    assert raised == []


def wait_status(client: GtsClient, job_id: str, statuses: set[str], within: float) -> str:
    """Poll the job until its status is one of `statuses`; returns it."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            status = str(client.get(f"/api/v1/jobs/{job_id}")["status"])
        except (GtsError, httpx.HTTPError):
            status = ""
        if status in statuses:
            return status
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} not {statuses} within {within:.0f} s")


def wait_ready(url: str, within: float) -> None:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{url} not ready within {within:.0f} s")


def test_render_killed_mid_job_is_restarted_and_the_job_completes_with_one_set_of_outputs(
    stack: Stack, carol: GtsClient, supervised: list[str]
) -> None:
    # 30 s of DI through two chains: the job runs for seconds, long enough to kill it midway
    di = upload_di(carol, di_wav_bytes(30.0, seed=41), "restart riff")
    amps, irs = import_gear(carol, amps=2, irs=1)
    chain_ids = [make_chain(carol, amp, irs[0])["id"] for amp in amps]
    shootout = create_shootout(carol, "restart", [di["id"]], chain_ids, outputs=LIGHT)["id"]
    render = stack.children["render"]
    assert render.process is not None
    killed_pid = render.process.pid

    job_id = str(carol.post(f"/api/v1/shootouts/{shootout}/render")["job_id"])
    assert wait_status(carol, job_id, {"running", "completed", "failed"}, 120) == "running"
    os.killpg(killed_pid, signal.SIGKILL)

    final = wait_final(carol, [job_id], within=300)[job_id]
    assert final["status"] == "completed", final
    results = carol.get(f"/api/v1/shootouts/{shootout}")["results"]
    assert_one_set_of_outputs(results, chains=2)  # one set of outputs, not two
    assert render.process is not None
    assert render.process.pid != killed_pid
    assert render.alive
    assert any(line.startswith("render was killed by SIGKILL") for line in supervised)
    assert any(line.startswith("render restarted (pid ") for line in supervised)
    wait_ready(stack.internal_url("render") + "/health/ready", 60)  # later tests share it
