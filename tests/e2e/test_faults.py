"""Fault injection against real processes: nothing accepted is lost, nothing is duplicated.

Bounded and self-stopping, loopback only. The render process is SIGKILLed, NATS is stopped
for 10 s, PostgreSQL is restarted, and a poison render command is sent; the services are
never restarted by hand (except the killed render process, as an orchestrator would).
"""

from __future__ import annotations

import asyncio
import random
import threading
import time
from typing import Any

import httpx
import nats
import pytest

from gts_cli.client import GtsClient, GtsError
from gts_cli.flow import create_shootout, import_gear, make_chain, upload_di
from gts_cli.stack.stack import Stack
from gts_cli.synth_di import di_wav_bytes
from gts_contracts import DI_BUCKET
from gts_kit.blobs.nats_store import NatsObjectBlobStore
from gts_kit.local.nats import NatsServer
from gts_kit.local.postgres import PostgresServer

from .rendering import assert_one_set_of_outputs

pytestmark = [pytest.mark.e2e, pytest.mark.fault]

FINAL = {"completed", "failed", "cancelled"}
LIGHT = {"video": False, "pictures": False}


@pytest.fixture(scope="module")
def setup(carol: GtsClient) -> dict[str, Any]:
    """A short DI and two chains to build many light shootouts from."""
    di = upload_di(carol, di_wav_bytes(2.0, seed=21), "fault riff")
    amps, irs = import_gear(carol, amps=2, irs=1)
    chains = [make_chain(carol, amp, irs[0]) for amp in amps]
    return {"di": di, "chain_ids": [c["id"] for c in chains]}


def shootouts(client: GtsClient, setup: dict[str, Any], count: int, di_id: str = "") -> list[str]:
    return [
        create_shootout(
            client, f"fault {n}", [di_id or setup["di"]["id"]], setup["chain_ids"], outputs=LIGHT
        )["id"]
        for n in range(count)
    ]


def wait_final(client: GtsClient, job_ids: list[str], within: float) -> dict[str, dict[str, Any]]:
    deadline = time.monotonic() + within
    jobs: dict[str, dict[str, Any]] = {}
    while time.monotonic() < deadline:
        for job_id in job_ids:
            if jobs.get(job_id, {}).get("status") not in FINAL:
                try:
                    jobs[job_id] = client.get(f"/api/v1/jobs/{job_id}")
                except (GtsError, httpx.HTTPError):
                    continue
        if all(jobs.get(j, {}).get("status") in FINAL for j in job_ids):
            return jobs
        time.sleep(0.5)
    pending = {
        j: jobs.get(j, {}).get("status")
        for j in job_ids
        if jobs.get(j, {}).get("status") not in FINAL
    }
    raise AssertionError(f"jobs not finished in {within:.0f}s: {pending}")


def test_30_renders_survive_three_render_kills_each_completing_once(
    stack: Stack, carol: GtsClient, setup: dict[str, Any]
) -> None:
    ids = shootouts(carol, setup, 30)
    jobs = [str(carol.post(f"/api/v1/shootouts/{s}/render")["job_id"]) for s in ids]
    render = stack.children["render"]
    rng = random.Random(30)
    for _ in range(3):
        time.sleep(rng.uniform(2.0, 6.0))
        render.kill()
        render.start()
    final = wait_final(carol, jobs, within=600)
    assert {j["status"] for j in final.values()} == {"completed"}, final
    seen_outputs: set[str] = set()
    for shootout_id in ids:
        results = carol.get(f"/api/v1/shootouts/{shootout_id}")["results"]
        assert_one_set_of_outputs(results, chains=2)  # exactly one set per job
        ids_here = {r["id"] for r in results}
        assert not ids_here & seen_outputs
        seen_outputs |= ids_here


def test_nats_down_for_10s_loses_no_accepted_request(
    stack: Stack, carol: GtsClient, setup: dict[str, Any], embedded_nats: NatsServer
) -> None:
    ids = shootouts(carol, setup, 10)
    pids = {name: child.process.pid for name, child in stack.children.items() if child.process}
    accepted_jobs: list[str] = []
    accepted_uploads: list[str] = []
    refused: list[int] = []
    health: list[int] = []
    stop = threading.Event()

    def traffic() -> None:
        with GtsClient(stack.gateway_url, timeout=20) as client:
            client.http.cookies.update(carol.http.cookies)
            for n, shootout_id in enumerate(ids):
                try:
                    job = client.post(f"/api/v1/shootouts/{shootout_id}/render")
                    accepted_jobs.append(str(job["job_id"]))
                except GtsError as error:
                    refused.append(error.response.status_code)
                try:
                    di = upload_di(client, di_wav_bytes(1.0, seed=100 + n), f"outage {n}")
                    accepted_uploads.append(di["id"])
                except GtsError as error:
                    refused.append(error.response.status_code)
                time.sleep(1.5)

    def watch_health() -> None:
        ready_url = stack.internal_url("gateway") + "/health/ready"
        while not stop.is_set():
            try:
                health.append(httpx.get(ready_url, timeout=5).status_code)
            except httpx.HTTPError:
                health.append(0)
            time.sleep(0.3)

    workers = [threading.Thread(target=traffic), threading.Thread(target=watch_health)]
    for worker in workers:
        worker.start()
    time.sleep(3.0)
    embedded_nats.stop()
    time.sleep(10.0)
    embedded_nats.start()
    workers[0].join(timeout=120)
    time.sleep(3.0)
    stop.set()
    workers[1].join(timeout=10)

    assert 503 in health
    assert health[-1] == 200
    assert set(refused) <= {503}, refused  # refusals during the outage are clean 503s
    assert accepted_jobs, "no submission was accepted"
    final = wait_final(carol, accepted_jobs, within=300)
    assert {j["status"] for j in final.values()} == {"completed"}, final
    for di_id in accepted_uploads:
        assert carol.request("GET", f"/api/v1/di-tracks/{di_id}/audio").content
    now = {name: child.process.pid for name, child in stack.children.items() if child.process}
    assert now == pids  # no service needed a restart


def test_postgres_restart_gives_clean_503s_and_the_services_recover(
    stack: Stack, carol: GtsClient, embedded_postgres: PostgresServer
) -> None:
    paths = ["/api/v1/shootouts", "/api/v1/gear", "/auth/me", "/api/v1/di-tracks"]
    outcomes: list[tuple[int, str, float]] = []
    stop = threading.Event()

    def traffic() -> None:
        with GtsClient(stack.gateway_url, timeout=20) as client:
            client.http.cookies.update(carol.http.cookies)
            n = 0
            while not stop.is_set():
                started = time.monotonic()
                response = client.http.get(paths[n % len(paths)])
                outcomes.append(
                    (response.status_code, response.headers.get("content-type", ""),
                     time.monotonic() - started)
                )  # fmt: skip
                n += 1
                time.sleep(0.05)

    worker = threading.Thread(target=traffic)
    worker.start()
    time.sleep(1.0)
    embedded_postgres.stop(mode="fast")
    time.sleep(4.0)
    embedded_postgres.start()
    time.sleep(6.0)
    stop.set()
    worker.join(timeout=30)

    statuses = [status for status, _, _ in outcomes]
    assert 503 in statuses
    assert 500 not in statuses
    assert all(ct.startswith("application/problem+json") for s, ct, _ in outcomes if s >= 400)
    assert max(seconds for _, _, seconds in outcomes) < 15  # never a hang past the timeout
    assert set(statuses) <= {200, 503}, set(statuses)
    assert statuses[-len(paths) :] == [200] * len(paths)  # recovered on their own
    for path in paths:
        assert carol.http.get(path).status_code == 200


def test_poison_render_command_fails_readably_and_does_not_block_the_queue(
    stack: Stack, carol: GtsClient, setup: dict[str, Any]
) -> None:
    lost = upload_di(carol, di_wav_bytes(1.5, seed=77), "lost riff")
    poison = shootouts(carol, setup, 1, di_id=lost["id"])[0]
    healthy = shootouts(carol, setup, 1)[0]
    asyncio.run(_delete_blob(stack.nats_url, lost["sha256"]))

    poison_job = str(carol.post(f"/api/v1/shootouts/{poison}/render")["job_id"])
    healthy_job = str(carol.post(f"/api/v1/shootouts/{healthy}/render")["job_id"])
    final = wait_final(carol, [poison_job, healthy_job], within=300)

    assert final[healthy_job]["status"] == "completed"
    assert final[poison_job]["status"] == "failed"
    reason = final[poison_job]["reason"] or ""
    assert lost["sha256"][:12] in reason or "missing" in reason.lower(), reason


async def _delete_blob(nats_url: str, sha256: str) -> None:
    nc = await nats.connect(nats_url)
    try:
        store = NatsObjectBlobStore(nc.jetstream(), DI_BUCKET)
        assert await store.delete(sha256)
    finally:
        await nc.close()
