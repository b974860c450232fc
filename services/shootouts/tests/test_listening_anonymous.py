"""Anonymous listeners (visitors the gateway vouches for by their signed listener cookie)
vote on unlisted and public shootouts like signed-in users, once each; never on private ones,
and nothing else of the listening room is theirs."""

from __future__ import annotations

import csv
import io
import uuid
from typing import Any

import httpx

from gts_kit.testing.identity import listener_request

from .conftest import ALICE, BOB, SECRET, Api
from .listening_flow import listenable, secrets_in

VISITOR = uuid.UUID("00000000-0000-4000-8000-00000000715a")
OTHER_VISITOR = uuid.UUID("00000000-0000-4000-8000-0000000071ff")


async def as_listener(
    api: Api, listener: uuid.UUID, method: str, path: str, **kwargs: Any
) -> httpx.Response:
    """A request as the gateway forwards an anonymous listener's."""
    return await listener_request(api.client, SECRET, listener, method, path, **kwargs)


async def test_a_visitor_votes_once_on_a_public_shootout(api: Api, nats_url: str) -> None:
    made = await listenable(api, nats_url, "public")
    start = f"/api/v1/shootouts/{made['shootout']['id']}/listening"
    started = await as_listener(api, VISITOR, "POST", start)
    assert started.status_code == 201, started.text
    session = started.json()
    assert secrets_in(started.text, made) == []
    audio = await as_listener(api, VISITOR, "GET", session["audio"]["A"])
    assert audio.status_code == 200
    assert audio.content in made["bodies"].values()

    path = f"/api/v1/listening/{session['id']}"
    # not the session of another visitor, nor of a user with the same id
    assert (await as_listener(api, OTHER_VISITOR, "GET", path)).status_code == 404
    assert (await api.request(VISITOR, "GET", path)).status_code == 404
    assert (await api.request(None, "GET", path)).status_code == 401

    voted = await as_listener(
        api, VISITOR, "POST", f"{path}/vote", json={"ratings": {"A": 90, "B": 20}, "favourite": "A"}
    )
    assert voted.status_code == 200, voted.text
    chain = voted.json()["reveal"]["A"]["chain_id"]
    assert made["bodies"][chain] == audio.content
    again = await as_listener(api, VISITOR, "POST", start)
    assert again.status_code == 409
    assert again.json()["code"] == "already_voted"
    assert again.json()["session_id"] == voted.json()["id"]

    # another visitor and a signed-in user vote as well: three listeners, no ids in the CSV
    other = (await as_listener(api, OTHER_VISITOR, "POST", start)).json()
    body = {"ratings": {"A": 40, "B": 60}, "favourite": "B"}
    vote = f"/api/v1/listening/{other['id']}/vote"
    assert (await as_listener(api, OTHER_VISITOR, "POST", vote, json=body)).status_code == 200
    mine = (await api.request(BOB, "POST", start)).json()
    vote = f"/api/v1/listening/{mine['id']}/vote"
    assert (await api.request(BOB, "POST", vote, json=body)).status_code == 200
    results = (await api.request(ALICE, "GET", f"{start}/results")).json()
    assert results["votes"] == 3
    exported = await api.request(ALICE, "GET", f"{start}/votes.csv")
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert sorted({r["listener"] for r in rows}) == ["L1", "L2", "L3"]
    for listener in (VISITOR, OTHER_VISITOR, BOB):
        assert str(listener) not in exported.text


async def test_a_visitor_cannot_listen_to_a_private_shootout(api: Api, nats_url: str) -> None:
    made = await listenable(api, nats_url, "private")
    start = f"/api/v1/shootouts/{made['shootout']['id']}/listening"
    refused = await as_listener(api, VISITOR, "POST", start)
    assert refused.status_code == 404, refused.text
    assert refused.headers["content-type"].startswith("application/problem+json")


async def test_a_visitor_gets_unlisted_sessions_but_no_abx_nor_owner_routes(
    api: Api, nats_url: str
) -> None:
    made = await listenable(api, nats_url, "unlisted")
    base = f"/api/v1/shootouts/{made['shootout']['id']}"
    assert (await as_listener(api, VISITOR, "POST", f"{base}/listening")).status_code == 201
    chain_a, chain_b = (c["id"] for c in made["chains"])
    for method, path, body in (
        ("POST", f"{base}/abx", {"chain_a": chain_a, "chain_b": chain_b}),
        ("POST", f"{base}/listening/publish", None),
        ("GET", f"{base}/listening/votes.csv", None),
        ("GET", base, None),
    ):
        answer = await as_listener(api, VISITOR, method, path, json=body)
        assert answer.status_code == 401, (path, answer.text)
