"""Blind listening through the gateway: another user starts a blind session of an unlisted
shootout, plays a letter through the session, votes, and only then learns which chain each
letter was; a visitor who is not signed in does the same with the gateway's listener cookie,
and without it gets no session. The owner's socket, following the shootout, hears of each
vote and of a finished ABX run; another user's socket may not follow it."""

from __future__ import annotations

import json

import httpx
import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

from gts_cli.client import GtsClient, GtsError
from gts_cli.flow import ws_url
from gts_cli.stack.stack import Stack

from .rendering import amp_cab_shootout, chain_audio, render_to_completion

pytestmark = pytest.mark.e2e


def _follow_shootout(client: GtsClient, shootout_id: str) -> ClientConnection:
    """`client`'s socket through the gateway, following the shootout's listening results."""
    socket = connect(
        ws_url(client), additional_headers={"Cookie": client.cookie_header()}, open_timeout=10
    )
    socket.send(json.dumps({"type": "subscribe", "shootout_id": shootout_id}))
    return socket


def _listening(socket: ClientConnection) -> tuple[str, int, int]:
    """The next listening event's change, votes and finished ABX runs."""
    event = json.loads(socket.recv(timeout=30))
    assert event["event"] == "listening", event
    return event["change"], event["votes"], event["abx_finished"]


def test_a_blind_session_from_start_to_reveal(
    alice: GtsClient, bob: GtsClient, stack: Stack, request: pytest.FixtureRequest
) -> None:
    chains, shootout = amp_cab_shootout(
        alice,
        "Blind listening",
        (161, 162),
        ir_seed=163,
        di=(2.0, 164),
        visibility="unlisted",
        montage={"segment_seconds": 1.0, "blind": True},
        outputs={"video": False, "pictures": False},
    )
    results = render_to_completion(alice, shootout["id"])
    audio_of = chain_audio(alice, results)
    assert set(audio_of) == {c["id"] for c in chains}

    start = f"/api/v1/shootouts/{shootout['id']}/listening"
    live = _follow_shootout(alice, shootout["id"])
    request.addfinalizer(live.close)
    subscribed = json.loads(live.recv(timeout=10))
    assert subscribed == {"event": "subscribed", "shootout_id": shootout["id"]}
    with (
        _follow_shootout(bob, shootout["id"]) as foreign,
        pytest.raises(ConnectionClosed) as closed,
    ):
        foreign.recv(timeout=10)
    assert closed.value.rcvd is not None
    assert closed.value.rcvd.code == 4004

    answer = bob.request("POST", start)
    assert answer.status_code == 201, answer.text
    session = answer.json()
    assert session["letters"] == ["A", "B"]
    assert session["reveal"] is None
    hidden = [c["id"] for c in chains] + [c["name"] for c in chains] + [r["id"] for r in results]
    assert not [value for value in hidden if value in answer.text]

    played = bob.request("GET", session["audio"]["A"])
    assert played.status_code == 200
    assert played.content in audio_of.values()
    part = bob.request("GET", session["audio"]["A"], headers={"Range": "bytes=0-99"})
    assert part.status_code == 206
    assert part.content == played.content[:100]
    with pytest.raises(GtsError) as other:
        alice.get(f"/api/v1/listening/{session['id']}")
    assert other.value.response.status_code == 404

    voted = bob.post(
        f"/api/v1/listening/{session['id']}/vote",
        json={"ratings": {"A": 80, "B": 30}, "favourite": "A"},
    )
    reveal = voted["reveal"]
    assert {r["chain_id"] for r in reveal.values()} == set(audio_of)
    # the letter Bob heard is the chain the reveal names
    assert audio_of[reveal["A"]["chain_id"]] == played.content
    names = {c["id"]: c["name"] for c in chains}
    assert all(r["name"] == names[r["chain_id"]] for r in reveal.values())

    assert _listening(live) == ("vote", 1, 0)
    mine = alice.get(f"/api/v1/shootouts/{shootout['id']}/listening/results")
    assert mine["votes"] == 1
    favourite = next(c for c in mine["chains"] if c["chain_id"] == reveal["A"]["chain_id"])
    assert favourite["favourite"] == 1

    # a visitor: no session without the listener cookie; with it, one vote
    with httpx.Client(base_url=stack.gateway_url, timeout=60) as visitor:
        assert visitor.post(start).status_code == 401
        issued = visitor.post("/api/v1/listener")
        assert issued.status_code == 200, issued.text
        assert issued.json() == {"issued": True}
        started = visitor.post(start)
        assert started.status_code == 201, started.text
        theirs = started.json()
        assert not [value for value in hidden if value in started.text]
        heard = visitor.get(theirs["audio"]["B"])
        assert heard.status_code == 200
        assert heard.content in audio_of.values()
        assert visitor.get(f"/api/v1/listening/{session['id']}").status_code == 404
        vote = visitor.post(
            f"/api/v1/listening/{theirs['id']}/vote",
            json={"ratings": {"A": 10, "B": 90}, "favourite": "B"},
        )
        assert vote.status_code == 200, vote.text
        assert audio_of[vote.json()["reveal"]["B"]["chain_id"]] == heard.content
        again = visitor.post(start)
        assert again.status_code == 409
        assert again.json()["code"] == "already_voted"
        # nothing else is open to a listener cookie
        assert (
            visitor.get(f"/api/v1/shootouts/{shootout['id']}/listening/votes.csv").status_code
            == 401
        )
    assert alice.get(f"/api/v1/shootouts/{shootout['id']}/listening/results")["votes"] == 2
