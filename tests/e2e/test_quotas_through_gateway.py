"""Per-user quotas, rate limits and fair render turns, through the gateway of a fresh stack
(its own PostgreSQL and NATS, as `gts up` starts them) whose limits are small."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from gts_cli.client import GtsClient
from gts_cli.flow import create_shootout, import_gear, make_chain, upload_di
from gts_cli.stack.stack import Stack, StackConfig
from gts_cli.synth_di import di_wav_bytes
from gts_kit.local.ports import free_port
from gts_nam import synthesize_nam

pytestmark = pytest.mark.e2e

GEAR_ITEMS = 3  # two amps and an IR: enough for two chains, not one item more
UPLOAD_BURST = 6
QUEUED_RENDERS = 2
DI_SECONDS = 1.0
DI_BYTES = len(di_wav_bytes(DI_SECONDS, seed=1))
ENDED = {"completed", "failed", "cancelled"}


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """A stack of its own, with small quotas (the package's stack has generous ones)."""
    config = StackConfig(
        home=tmp_path_factory.mktemp("quota-stack"),
        gateway_port=free_port(),
        log_level="WARNING",
        env={
            "gateway": {"GTS_AUTH_RATE_LIMIT_BURST": "1000"},
            "catalog": {
                "GTS_QUOTA_GEAR_ITEMS": str(GEAR_ITEMS),
                "GTS_UPLOAD_RATE_PER_MINUTE": "1",
                "GTS_UPLOAD_RATE_BURST": str(UPLOAD_BURST),
            },
            "shootouts": {
                # room for two 1 s DIs, not three
                "GTS_QUOTA_DI_BYTES": str(int(DI_BYTES * 2.5)),
                "GTS_QUOTA_QUEUED_RENDERS": str(QUEUED_RENDERS),
            },
        },
    )
    with Stack(config, say=lambda _line: None) as running:
        yield running


def _quota_problem(response: httpx.Response, status: int, quota: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    problem: dict[str, Any] = response.json()
    assert problem["quota"] == quota, problem
    assert problem["used"] <= problem["limit"], problem
    return problem


def _upload_nam(client: GtsClient, seed: int) -> httpx.Response:
    data = synthesize_nam("nano", seed=seed)
    return client.http.post("/api/v1/gear", files={"file": (f"amp-{seed}.nam", data)})


def test_the_gear_item_quota_names_itself_and_spares_other_users(
    alice: GtsClient, carol: GtsClient
) -> None:
    amps, irs = import_gear(alice, amps=2, irs=1)
    assert len(amps) + len(irs) == GEAR_ITEMS
    problem = _quota_problem(_upload_nam(alice, seed=200), 429, "gear_items")
    assert (problem["limit"], problem["used"]) == (GEAR_ITEMS, GEAR_ITEMS)
    assert alice.get("/api/v1/gear", params={"limit": 1})["total"] == GEAR_ITEMS
    assert _upload_nam(carol, seed=300).status_code == 201


def test_the_di_storage_quota_is_413_and_keeps_nothing(carol: GtsClient) -> None:
    for seed in (1, 2):
        upload_di(carol, di_wav_bytes(DI_SECONDS, seed=seed), f"riff {seed}")
    third = carol.http.post(
        "/api/v1/di-tracks",
        files={"file": ("riff-3.wav", di_wav_bytes(DI_SECONDS, seed=3), "audio/wav")},
        data={"name": "riff 3"},
    )
    problem = _quota_problem(third, 413, "di_bytes")
    assert problem["used"] == 2 * DI_BYTES
    assert carol.get("/api/v1/di-tracks", params={"limit": 1})["total"] == 2


def test_uploads_past_the_rate_are_429_with_retry_after(carol: GtsClient) -> None:
    """The same file again (200: she has it) still spends one upload of her rate."""
    answers: list[httpx.Response] = []
    while len(answers) <= UPLOAD_BURST and (not answers or answers[-1].status_code == 200):
        answers.append(_upload_nam(carol, seed=300))
    refused = answers[-1]
    assert refused.status_code == 429, [a.status_code for a in answers]
    assert refused.json()["code"] == "upload_rate_limited"
    assert int(refused.headers["retry-after"]) >= 1


def _shootouts(client: GtsClient, count: int, seed: int) -> list[str]:
    di = upload_di(client, di_wav_bytes(DI_SECONDS, seed=seed), f"turns {seed}")
    gear = client.get("/api/v1/gear", params={"limit": 10})["items"]
    amps = [g for g in gear if g["kind"] == "amp"][:2]
    (ir,) = [g for g in gear if g["kind"] == "cab-ir"][:1]
    chains = [make_chain(client, amp, ir)["id"] for amp in amps]
    return [
        create_shootout(client, f"turn {n}", [di["id"]], chains, outputs={"video": False})["id"]
        for n in range(count)
    ]


def _finished(client: GtsClient, job_id: str, timeout: float = 300.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job: dict[str, Any] = client.get(f"/api/v1/jobs/{job_id}")
        if job["status"] in ENDED:
            return job
        time.sleep(0.5)
    raise TimeoutError(f"job {job_id} did not finish")


def test_renders_take_turns_across_users_and_the_queue_is_bounded(
    alice: GtsClient, bob: GtsClient
) -> None:
    import_gear(bob, amps=2, irs=1)
    alices = _shootouts(alice, QUEUED_RENDERS + 1, seed=400)
    (bobs,) = _shootouts(bob, 1, seed=401)
    first, second = (
        str(alice.post(f"/api/v1/shootouts/{s}/render")["job_id"])
        for s in alices[:QUEUED_RENDERS]
    )
    over = alice.http.post(f"/api/v1/shootouts/{alices[-1]}/render")
    problem = _quota_problem(over, 429, "queued_renders")
    assert (problem["limit"], problem["used"]) == (QUEUED_RENDERS, QUEUED_RENDERS)
    bobs_job = str(bob.post(f"/api/v1/shootouts/{bobs}/render")["job_id"])
    ends = {
        name: _finished(client, job)
        for name, client, job in (
            ("alice 1", alice, first),
            ("alice 2", alice, second),
            ("bob 1", bob, bobs_job),
        )
    }
    assert {job["status"] for job in ends.values()} == {"completed"}, ends
    # one worker, first come first served: bob's only job went before alice's second
    assert ends["bob 1"]["finished_at"] < ends["alice 2"]["finished_at"], ends

