"""ABX runs: X of each trial stays on the server until the listener answers it; answers in
order, once; the result is the number right and the one-sided binomial p-value."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from shootouts.listening.stats import abx_p_value

from .conftest import ALICE, BOB, Api, running
from .listening_flow import listenable, secrets_of, start_abx


def _other(side: str) -> str:
    return "B" if side == "A" else "A"


async def test_x_is_never_sent_before_its_trial_is_answered(
    api: Api, nats_url: str, engine: AsyncEngine
) -> None:
    made = await listenable(api, nats_url, "unlisted")
    chain_a, chain_b = (c["id"] for c in made["chains"])
    started = await start_abx(api, BOB, made)
    assert started.status_code == 201, started.text
    run = started.json()
    path = f"/api/v1/abx/{run['id']}"
    assert run["trials"] == 16
    assert (run["chain_a"], run["chain_b"]) == (chain_a, chain_b)
    assert run["current"] == 1
    assert run["x_url"] == f"{path}/trials/1/x"
    assert run["answered"] == []
    assert run["result"] is None
    assert not any(o in started.text for o in made["outputs"])

    assert (await api.request(BOB, "GET", run["audio"]["A"])).content == made["bodies"][chain_a]
    assert (await api.request(BOB, "GET", run["audio"]["B"])).content == made["bodies"][chain_b]
    assert (await api.request(BOB, "GET", f"{path}/audio/X")).status_code == 404

    xs = await secrets_of(engine, run["id"])
    assert len(xs) == 16
    assert set(xs) <= {"A", "B"}
    chain_of = {"A": chain_a, "B": chain_b}
    # right on the first 12, wrong on the last 4
    answers = [x if n < 12 else _other(x) for n, x in enumerate(xs)]
    for n in range(1, 17):
        # only the current trial's X plays; a later one is not there yet
        x = await api.request(BOB, "GET", f"{path}/trials/{n}/x")
        assert x.status_code == 200
        assert x.content == made["bodies"][chain_of[xs[n - 1]]]
        if n < 16:
            assert (await api.request(BOB, "GET", f"{path}/trials/{n + 1}/x")).status_code == 404
            ahead = await api.request(BOB, "POST", f"{path}/trials/{n + 1}", json={"answer": "A"})
            assert ahead.status_code == 409, ahead.text
            assert ahead.json()["code"] == "not_current"
        # what the listener can read never holds an unanswered trial's X
        shown = (await api.request(BOB, "GET", path)).json()
        assert [t["n"] for t in shown["answered"]] == list(range(1, n))
        assert json.dumps(shown).count('"x"') == n - 1

        answered = await api.request(
            BOB, "POST", f"{path}/trials/{n}", json={"answer": answers[n - 1]}
        )
        assert answered.status_code == 200, answered.text
        body = answered.json()
        assert body["n"] == n
        assert body["correct"] == (n <= 12)
        assert body["x"] == xs[n - 1]
        assert len(body["session"]["answered"]) == n
        if n < 16:
            assert body["session"]["current"] == n + 1
            assert body["session"]["result"] is None
        twice = await api.request(BOB, "POST", f"{path}/trials/{n}", json={"answer": "A"})
        assert twice.status_code == 409
        assert twice.json()["code"] == "already_answered"
        assert (await api.request(BOB, "GET", f"{path}/trials/{n}/x")).status_code == 404

    done = (await api.request(BOB, "GET", path)).json()
    assert done["current"] is None
    assert done["x_url"] is None
    assert done["result"] == {"correct": 12, "trials": 16, "p_value": abx_p_value(12, 16)}
    assert round(done["result"]["p_value"], 3) == 0.038
    assert [t["x"] for t in done["answered"]] == xs
    assert (
        await api.request(BOB, "POST", f"{path}/trials/17", json={"answer": "A"})
    ).status_code == 404
    assert (await api.request(BOB, "GET", f"{path}/trials/17/x")).status_code == 404


async def test_an_abx_run_is_its_listeners_only(api: Api, nats_url: str) -> None:
    made = await listenable(api, nats_url, "private")
    chain_a, chain_b = (c["id"] for c in made["chains"])
    start = f"/api/v1/shootouts/{made['shootout']['id']}/abx"
    body = {"chain_a": chain_a, "chain_b": chain_b, "trials": 4}
    assert (await api.request(BOB, "POST", start, json=body)).status_code == 404
    run = await api.request(ALICE, "POST", start, json=body)
    assert run.status_code == 201, run.text
    path = f"/api/v1/abx/{run.json()['id']}"
    for method, suffix, payload in (
        ("GET", "", None),
        ("GET", "/audio/A", None),
        ("GET", "/trials/1/x", None),
        ("POST", "/trials/1", {"answer": "A"}),
    ):
        answer = await api.request(BOB, method, f"{path}{suffix}", json=payload)
        assert answer.status_code == 404, (suffix, answer.text)
    assert len((await api.request(ALICE, "GET", path)).json()["answered"]) == 0


async def test_an_abx_run_needs_two_rendered_chains(api: Api, nats_url: str) -> None:
    made = await listenable(api, nats_url, "public")
    chain_a, chain_b = (c["id"] for c in made["chains"])
    start = f"/api/v1/shootouts/{made['shootout']['id']}/abx"
    for body, field in (
        ({"chain_a": chain_a, "chain_b": chain_a}, "chain_b"),
        ({"chain_a": str(uuid.uuid4()), "chain_b": chain_b}, "chain_a"),
        ({"chain_a": chain_a, "chain_b": chain_b, "di_id": str(uuid.uuid4())}, "di_id"),
    ):
        answer = await api.request(BOB, "POST", start, json=body)
        assert answer.status_code == 422, (body, answer.text)
        assert answer.headers["content-type"].startswith("application/problem+json")
        assert [e["field"] for e in answer.json()["errors"]] == [field]
    for trials in (0, 65):
        answer = await api.request(
            BOB, "POST", start, json={"chain_a": chain_a, "chain_b": chain_b, "trials": trials}
        )
        assert answer.status_code == 400, answer.text
        assert answer.json()["errors"][0]["field"] == "trials"
    run = await api.request(
        BOB, "POST", start, json={"chain_a": chain_b, "chain_b": chain_a, "trials": 64}
    )
    assert run.status_code == 201, run.text
    assert run.json()["trials"] == 64
    bad = await api.request(
        BOB, "POST", f"/api/v1/abx/{run.json()['id']}/trials/1", json={"answer": "X"}
    )
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["field"] == "answer"


@pytest.fixture
async def strict_api(shootouts_db: str, nats_url: str) -> AsyncIterator[Api]:
    """The service allowing each listener three listening submissions, then one an hour."""
    limits = {"listening_rate_burst": 3, "listening_rate_per_minute": 1}
    async with running(shootouts_db, nats_url, **limits) as api:
        yield api


async def test_listening_submissions_are_rate_limited_per_listener(
    strict_api: Api, nats_url: str
) -> None:
    api = strict_api
    made = await listenable(api, nats_url, "unlisted")
    run = (await start_abx(api, BOB, made)).json()
    path = f"/api/v1/abx/{run['id']}"
    for n in (1, 2):
        answer = await api.request(BOB, "POST", f"{path}/trials/{n}", json={"answer": "A"})
        assert answer.status_code == 200, answer.text
    limited = await api.request(BOB, "POST", f"{path}/trials/3", json={"answer": "A"})
    assert limited.status_code == 429, limited.text
    assert limited.json()["code"] == "listening_rate_limited"
    assert int(limited.headers["retry-after"]) > 0
    # the refused answer was not stored, and other listeners have their own allowance
    assert (await api.request(BOB, "GET", path)).json()["current"] == 3
    session = await api.request(
        ALICE, "POST", f"/api/v1/shootouts/{made['shootout']['id']}/listening"
    )
    assert session.status_code == 201, session.text
