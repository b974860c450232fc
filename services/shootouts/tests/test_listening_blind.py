"""Blind sessions: each listener's own letters, audio through the session, one vote, then the
reveal; nothing before the vote tells which letter is which chain."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine

from .conftest import ALICE, BOB, Api
from .flow import ready_shootout
from .listening_flow import CAROL, letters_of, listenable, render_completed, secrets_in


async def test_a_blind_session_hides_the_chains_until_the_vote(
    api: Api, nats_url: str, engine: AsyncEngine
) -> None:
    made = await listenable(api, nats_url, "unlisted")
    shootout_id = made["shootout"]["id"]
    started = await api.request(BOB, "POST", f"/api/v1/shootouts/{shootout_id}/listening")
    assert started.status_code == 201, started.text
    session = started.json()
    assert session["letters"] == ["A", "B"]
    assert session["vote"] is None
    assert session["reveal"] is None
    assert secrets_in(started.text, made) == []
    path = f"/api/v1/listening/{session['id']}"
    assert session["audio"] == {letter: f"{path}/audio/{letter}" for letter in ("A", "B")}

    read = await api.request(BOB, "GET", path)
    assert read.status_code == 200, read.text
    assert read.json() == session
    assert secrets_in(read.text, made) == []

    key = await letters_of(engine, session["id"])
    assert sorted(key.values()) == sorted(made["bodies"])
    for letter, chain_id in key.items():
        audio = await api.request(BOB, "GET", session["audio"][letter])
        assert audio.status_code == 200
        assert audio.content == made["bodies"][chain_id]
        assert secrets_in(str(audio.headers), made) == []
        part = await api.request(
            BOB, "GET", session["audio"][letter], headers={"Range": "bytes=10-19"}
        )
        assert part.status_code == 206
        assert part.content == made["bodies"][chain_id][10:20]
    assert (await api.request(BOB, "GET", f"{path}/audio/C")).status_code == 404

    favourite = next(letter for letter, chain in key.items() if chain == made["chains"][1]["id"])
    voted = await api.request(
        BOB, "POST", f"{path}/vote", json={"ratings": {"A": 70, "B": 35}, "favourite": favourite}
    )
    assert voted.status_code == 200, voted.text
    names = {c["id"]: c["name"] for c in made["chains"]}
    reveal = {
        letter: {"chain_id": chain_id, "name": names[chain_id]} for letter, chain_id in key.items()
    }
    assert voted.json()["reveal"] == reveal
    assert voted.json()["vote"]["ratings"] == {"A": 70, "B": 35}
    assert voted.json()["vote"]["favourite"] == favourite
    after = (await api.request(BOB, "GET", path)).json()
    assert after["reveal"] == reveal


async def test_each_listener_gets_their_own_session(
    api: Api, nats_url: str, engine: AsyncEngine
) -> None:
    made = await listenable(api, nats_url, "public")
    start = f"/api/v1/shootouts/{made['shootout']['id']}/listening"
    sessions = []
    for listener in (ALICE, BOB, CAROL):
        answer = await api.request(listener, "POST", start)
        assert answer.status_code == 201, answer.text
        sessions.append(answer.json()["id"])
    assert len(set(sessions)) == 3
    for listener, other in ((ALICE, sessions[1]), (BOB, sessions[2]), (CAROL, sessions[0])):
        for suffix in ("", "/audio/A"):
            assert (
                await api.request(listener, "GET", f"/api/v1/listening/{other}{suffix}")
            ).status_code == 404
        vote = {"ratings": {"A": 1, "B": 2}, "favourite": "A"}
        stolen = await api.request(listener, "POST", f"/api/v1/listening/{other}/vote", json=vote)
        assert stolen.status_code == 404
    for listener, own in zip((ALICE, BOB, CAROL), sessions, strict=True):
        mine = (await api.request(listener, "GET", f"/api/v1/listening/{own}")).json()
        assert mine["vote"] is None
        assert sorted((await letters_of(engine, own)).values()) == sorted(made["bodies"])


async def test_one_vote_per_listener_and_shootout(api: Api, nats_url: str) -> None:
    made = await listenable(api, nats_url, "unlisted")
    start = f"/api/v1/shootouts/{made['shootout']['id']}/listening"
    first = await api.request(BOB, "POST", start)
    assert first.status_code == 201, first.text
    # until they vote, asking again hands back the same session and letters
    again = await api.request(BOB, "POST", start)
    assert again.status_code == 200, again.text
    assert again.json() == first.json()

    vote = f"/api/v1/listening/{first.json()['id']}/vote"
    body = {"ratings": {"A": 50, "B": 60}, "favourite": "B"}
    assert (await api.request(BOB, "POST", vote, json=body)).status_code == 200
    twice = await api.request(BOB, "POST", vote, json={**body, "favourite": "A"})
    assert twice.status_code == 409, twice.text
    assert twice.headers["content-type"].startswith("application/problem+json")
    assert twice.json()["code"] == "already_voted"
    anew = await api.request(BOB, "POST", start)
    assert anew.status_code == 409
    assert anew.json()["code"] == "already_voted"
    # the problem names the voted session, so another browser of Bob's can show the reveal
    assert anew.json()["session_id"] == twice.json()["session_id"] == first.json()["id"]
    kept = (await api.request(BOB, "GET", f"/api/v1/listening/{first.json()['id']}")).json()
    assert kept["vote"]["favourite"] == "B"


async def test_a_newer_render_draws_the_letters_of_an_unvoted_session_anew(
    api: Api, nats_url: str, engine: AsyncEngine
) -> None:
    made = await listenable(api, nats_url, "unlisted")
    start = f"/api/v1/shootouts/{made['shootout']['id']}/listening"
    first = (await api.request(BOB, "POST", start)).json()
    newer = await render_completed(api, nats_url, made, salt="newer")
    again = await api.request(BOB, "POST", start)
    assert again.status_code == 200, again.text
    assert again.json()["id"] == first["id"]
    for letter, chain_id in (await letters_of(engine, first["id"])).items():
        audio = await api.request(BOB, "GET", again.json()["audio"][letter])
        assert audio.content == newer["bodies"][chain_id]
    assert secrets_in(again.text, {**made, **newer}) == []


async def test_another_users_private_shootout_is_not_found(api: Api, nats_url: str) -> None:
    made = await listenable(api, nats_url, "private")
    start = f"/api/v1/shootouts/{made['shootout']['id']}/listening"
    hidden = await api.request(BOB, "POST", start)
    assert hidden.status_code == 404, hidden.text
    assert hidden.headers["content-type"].startswith("application/problem+json")
    assert (await api.request(None, "POST", start)).status_code == 401
    assert (
        await api.request(BOB, "POST", f"/api/v1/shootouts/{uuid.uuid4()}/listening")
    ).status_code == 404
    # the owner may listen blind to their own
    own = await api.request(ALICE, "POST", start)
    assert own.status_code == 201, own.text
    assert (
        await api.request(BOB, "GET", f"/api/v1/listening/{own.json()['id']}")
    ).status_code == 404


async def test_a_session_that_became_private_is_gone_for_its_listener(
    api: Api, nats_url: str
) -> None:
    made = await listenable(api, nats_url, "unlisted")
    shootout = f"/api/v1/shootouts/{made['shootout']['id']}"
    session = (await api.request(BOB, "POST", f"{shootout}/listening")).json()
    private = await api.request(ALICE, "PATCH", shootout, json={"visibility": "private"})
    assert private.status_code == 200, private.text
    path = f"/api/v1/listening/{session['id']}"
    assert (await api.request(BOB, "GET", path)).status_code == 404
    assert (await api.request(BOB, "GET", f"{path}/audio/A")).status_code == 404


async def test_listening_needs_a_completed_render_of_the_di(api: Api, nats_url: str) -> None:
    made = await ready_shootout(api, ALICE, visibility="public")
    early = await api.request(BOB, "POST", f"/api/v1/shootouts/{made['shootout']['id']}/listening")
    assert early.status_code == 409, early.text
    assert early.json()["code"] == "not_rendered"

    rendered = await listenable(api, nats_url, "public")
    start = f"/api/v1/shootouts/{rendered['shootout']['id']}/listening"
    other_di = await api.request(BOB, "POST", start, json={"di_id": str(uuid.uuid4())})
    assert other_di.status_code == 422, other_di.text
    assert [e["field"] for e in other_di.json()["errors"]] == ["di_id"]
    chosen = await api.request(BOB, "POST", start, json={"di_id": rendered["di"]["id"]})
    assert chosen.status_code == 201, chosen.text
    assert chosen.json()["di_id"] == rendered["di"]["id"]


async def test_a_vote_must_rate_every_letter_and_pick_one_of_them(api: Api, nats_url: str) -> None:
    made = await listenable(api, nats_url, "unlisted")
    session = (
        await api.request(BOB, "POST", f"/api/v1/shootouts/{made['shootout']['id']}/listening")
    ).json()
    vote = f"/api/v1/listening/{session['id']}/vote"
    for body, field in (
        ({"ratings": {"A": 50}, "favourite": "A"}, "ratings.B"),
        ({"ratings": {"A": 50, "B": 50, "C": 50}, "favourite": "A"}, "ratings.C"),
        ({"ratings": {"A": 50, "B": 50}, "favourite": "C"}, "favourite"),
        ({"ratings": {"A": 101, "B": 50}, "favourite": "A"}, "ratings.A"),
        ({"ratings": {"A": 50, "B": -1}, "favourite": "A"}, "ratings.B"),
    ):
        answer = await api.request(BOB, "POST", vote, json=body)
        assert answer.status_code == 422, (body, answer.text)
        assert answer.headers["content-type"].startswith("application/problem+json")
        fields = [e["field"] for e in answer.json()["errors"]]
        assert any(f.startswith(field) for f in fields), (body, fields)
    # a body of the wrong shape is a 400 naming the field, like every other request body
    shapes: list[tuple[dict[str, Any], str]] = [
        ({"ratings": {"A": 5.5, "B": 50}, "favourite": "A"}, "ratings"),
        ({"ratings": {"A": 50, "B": 50}}, "favourite"),
    ]
    for shape, field in shapes:
        answer = await api.request(BOB, "POST", vote, json=shape)
        assert answer.status_code == 400, (shape, answer.text)
        assert field in answer.json()["detail"], (shape, answer.text)
    # nothing was stored: the listener may still vote
    ok = await api.request(
        BOB, "POST", vote, json={"ratings": {"A": 0, "B": 100}, "favourite": "B"}
    )
    assert ok.status_code == 200, ok.text
