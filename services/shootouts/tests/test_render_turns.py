"""Renders take turns between users: one user's queue waits in shootouts, not ahead of another
user's first job in render's queue; unfinished renders per user are capped, and submissions
are rate limited."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest

from gts_contracts import RenderJobCompletedV1, RenderJobFailedV1

from .conftest import ALICE, BOB, Api, running
from .flow import commands, ready_shootout


async def another_shootout(api: Api, owner: uuid.UUID, made: dict[str, Any], name: str) -> str:
    """One more shootout of the same DI and chains."""
    body = {
        "name": name,
        "di_ids": [made["di"]["id"]],
        "chain_ids": [c["id"] for c in made["chains"]],
    }
    answer = await api.request(owner, "POST", "/api/v1/shootouts", json=body)
    assert answer.status_code == 201, answer.text
    return str(answer.json()["id"])


async def render(api: Api, owner: uuid.UUID, shootout_id: str) -> str:
    answer = await api.request(owner, "POST", f"/api/v1/shootouts/{shootout_id}/render")
    assert answer.status_code == 202, answer.text
    return str(answer.json()["job_id"])


async def status(api: Api, owner: uuid.UUID, job_id: str) -> str:
    return str((await api.request(owner, "GET", f"/api/v1/jobs/{job_id}")).json()["status"])


async def test_another_users_first_render_goes_before_a_long_queue(api: Api, nats_url: str) -> None:
    alice = await ready_shootout(api, ALICE)
    shootouts = [
        alice["shootout"]["id"],
        await another_shootout(api, ALICE, alice, "second"),
        await another_shootout(api, ALICE, alice, "third"),
    ]
    a1, a2, a3 = [await render(api, ALICE, s) for s in shootouts]
    bob = await ready_shootout(api, BOB)
    b1 = await render(api, BOB, bob["shootout"]["id"])
    # render's queue: Alice's first job, then Bob's; Alice's others wait, still `queued`
    sent = await commands(nats_url, 2)
    assert [str(c.job_id) for c in sent] == [a1, b1]
    assert [await status(api, ALICE, j) for j in (a2, a3)] == ["queued", "queued"]
    # a waiting job cancelled is only cancelled: it never reaches render
    answer = await api.request(ALICE, "POST", f"/api/v1/jobs/{a2}/cancel")
    assert answer.json()["status"] == "cancelled"
    # Alice's first job finishing (and the news coming twice) lets exactly her next one go
    done = RenderJobCompletedV1.new(
        job_id=uuid.UUID(a1),
        shootout_id=uuid.UUID(shootouts[0]),
        owner_id=ALICE,
        outputs=[],
        blind_key=None,
    )
    await api.publish(done)
    await api.publish(
        RenderJobFailedV1.new(
            job_id=uuid.UUID(a1),
            shootout_id=uuid.UUID(shootouts[0]),
            owner_id=ALICE,
            reason="late",
            attempts=1,
            retryable=False,
        )
    )
    sent = await commands(nats_url, 3)
    assert [str(c.job_id) for c in sent] == [a1, b1, a3]
    a4 = await render(api, ALICE, shootouts[0])  # the first shootout again, behind a3
    await api.publish(
        RenderJobCompletedV1.new(
            job_id=uuid.UUID(a3),
            shootout_id=uuid.UUID(shootouts[2]),
            owner_id=ALICE,
            outputs=[],
            blind_key=None,
        )
    )
    sent = await commands(nats_url, 4)
    assert [str(c.job_id) for c in sent] == [a1, b1, a3, a4]
    assert await status(api, ALICE, a2) == "cancelled"


@pytest.fixture
async def strict_api(shootouts_db: str, nats_url: str) -> AsyncIterator[Api]:
    """The service with a quota of 2 unfinished renders and 3 submissions at once."""
    limits = {"quota_queued_renders": 2, "render_rate_burst": 3, "render_rate_per_minute": 1}
    async with running(shootouts_db, nats_url, **limits) as api:
        yield api


async def test_unfinished_renders_are_capped_and_submissions_rate_limited(
    strict_api: Api,
) -> None:
    api = strict_api
    made = await ready_shootout(api, ALICE)
    ids = [
        made["shootout"]["id"],
        await another_shootout(api, ALICE, made, "second"),
        await another_shootout(api, ALICE, made, "third"),
    ]
    first = await render(api, ALICE, ids[0])
    await render(api, ALICE, ids[1])
    over = await api.request(ALICE, "POST", f"/api/v1/shootouts/{ids[2]}/render")
    assert over.status_code == 429, over.text
    assert over.headers["content-type"].startswith("application/problem+json")
    problem = over.json()
    assert (problem["quota"], problem["limit"], problem["used"]) == ("queued_renders", 2, 2)
    assert "queued renders" in problem["detail"]
    # one finished frees a place; the fourth submission in a row is over the rate
    cancelled = await api.request(ALICE, "POST", f"/api/v1/jobs/{first}/cancel")
    assert cancelled.json()["status"] == "cancelled"
    fast = await api.request(ALICE, "POST", f"/api/v1/shootouts/{ids[2]}/render")
    assert fast.status_code == 429, fast.text
    assert int(fast.headers["retry-after"]) >= 1
    assert fast.json()["code"] == "render_rate_limited"
    # another user is not held back by Alice's rate or quota
    bob = await ready_shootout(api, BOB)
    assert (
        await api.request(BOB, "POST", f"/api/v1/shootouts/{bob['shootout']['id']}/render")
    ).status_code == 202
