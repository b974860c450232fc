"""Live progress pieces: tickets, the per-socket bounded queue, routing, and the 4001 close."""

from __future__ import annotations

import queue
import time
import uuid
from collections.abc import AsyncIterator

import nats
import pytest
from litestar.exceptions import WebSocketDisconnect
from litestar.testing import AsyncTestClient
from nats.js.kv import KeyValue

from gateway.app import create_app
from gateway.config import Settings
from gateway.live.hub import SOCKET_BUFFER, Listener, LiveHub
from gateway.live.tickets import TicketBook, used_tickets
from gateway.security.tokens import Session

from .conftest import settings_for
from .token_issuer import ISSUER, Issuer

USER, OTHER = uuid.uuid4(), uuid.uuid4()
JOB = uuid.uuid4()


def progress(percent: int) -> dict[str, object]:
    return {"event": "progress", "job_id": str(JOB), "percent": percent}


@pytest.fixture
async def used(nats_url: str) -> AsyncIterator[KeyValue]:
    connection = await nats.connect(nats_url)
    try:
        yield await used_tickets(connection.jetstream())
    finally:
        await connection.close()


async def test_ticket_is_redeemed_once_for_its_user(used: KeyValue) -> None:
    book = TicketBook("secret", used)
    ticket, ttl = book.issue(Session(USER, 1900), now=1000)
    assert ttl == 30
    assert await book.redeem(ticket, now=1001) == Session(USER, 1900)  # with its token's expiry
    assert await book.redeem(ticket, now=1002) is None


async def test_expired_forged_or_foreign_tickets_are_refused(used: KeyValue) -> None:
    book = TicketBook("secret", used)
    ticket, _ = book.issue(Session(USER, 1900), now=1000)
    assert await book.redeem(ticket, now=1031) is None
    fresh, _ = book.issue(Session(USER, 1900), now=1000)
    body, sig = fresh.split(".", 1)
    assert await book.redeem(body + "." + sig[::-1], now=1001) is None
    assert await TicketBook("another secret", used).redeem(fresh, now=1001) is None
    assert await book.redeem("not a ticket", now=1001) is None


def test_events_reach_only_the_owner_sockets_that_follow_the_job() -> None:
    hub = LiveHub()
    mine, not_following, theirs = Listener(USER, {JOB}), Listener(USER), Listener(OTHER, {JOB})
    for listener in (mine, not_following, theirs):
        hub.add(listener)
    assert hub.dispatch(USER, JOB, progress(10)) == 1
    assert mine.queue.qsize() == 1
    assert not_following.queue.empty()
    assert theirs.queue.empty()


def test_slow_socket_keeps_a_bounded_queue_and_its_final_event() -> None:
    hub = LiveHub()
    slow, fast = Listener(USER, {JOB}), Listener(USER, {JOB})
    hub.add(slow)
    hub.add(fast)
    for percent in range(SOCKET_BUFFER * 3):
        hub.dispatch(USER, JOB, progress(percent))
        fast.queue.get_nowait()  # the fast client keeps up
    hub.dispatch(USER, JOB, {"event": "completed", "job_id": str(JOB)})
    assert slow.queue.qsize() == SOCKET_BUFFER
    events = [slow.queue.get_nowait() for _ in range(SOCKET_BUFFER)]
    assert events[-1]["event"] == "completed"
    percents = [e["percent"] for e in events[:-1]]
    assert percents == sorted(percents)  # still in order, oldest dropped first
    assert fast.queue.get_nowait()["event"] == "completed"


async def test_socket_without_credentials_is_closed_4001(nats_url: str) -> None:
    async with AsyncTestClient(create_app(settings_for(nats_url, internal_secret="s"))) as client:
        with (
            pytest.raises(WebSocketDisconnect) as closed,
            await client.websocket_connect("/ws?ticket=forged") as ws,
        ):
            ws.receive_json()
    assert closed.value.code == 4001


def gateway_settings(nats_url: str, issuer: Issuer, **changes: object) -> Settings:
    fields = {"internal_secret": "s", "auth_url": issuer.url, "public_url": ISSUER, **changes}
    return settings_for(nats_url, **fields)


def close_code(ws: object, timeout: float) -> int | None:
    """The code the server closes `ws` with within `timeout` seconds; None if it stays open."""
    try:
        ws.receive_json(timeout=timeout)  # type: ignore[attr-defined]
    except WebSocketDisconnect as closed:
        return closed.code
    except queue.Empty:
        return None
    raise AssertionError("the socket sent an event")


@pytest.mark.parametrize("carrier", ["cookie", "bearer"])
async def test_socket_from_a_foreign_origin_is_closed_4003(
    nats_url: str, issuer: Issuer, carrier: str
) -> None:
    token = issuer.token(USER)
    headers = {"origin": "https://evil.example"}
    if carrier == "cookie":
        headers["cookie"] = f"gts_access={token}"
    else:
        headers["authorization"] = f"Bearer {token}"
    async with AsyncTestClient(create_app(gateway_settings(nats_url, issuer))) as client:
        with await client.websocket_connect("/ws", headers=headers) as ws:
            assert close_code(ws, timeout=5) == 4003


@pytest.mark.parametrize(
    "origin", [None, ISSUER, "https://app.example"], ids=["no-origin", "own", "listed"]
)
async def test_same_listed_or_no_origin_sockets_are_served(
    nats_url: str, issuer: Issuer, origin: str | None
) -> None:
    # the configured origin is listed only where it is the one used
    listed = ["https://app.example"] if origin == "https://app.example" else []
    settings = gateway_settings(nats_url, issuer, ws_allowed_origins=listed)
    headers = {"cookie": f"gts_access={issuer.token(USER)}"}
    if origin is not None:
        headers["origin"] = origin
    async with AsyncTestClient(create_app(settings)) as client:
        with await client.websocket_connect("/ws", headers=headers) as ws:
            assert close_code(ws, timeout=0.5) is None  # signed in and left open
            ws.send_text("not a subscribe")  # answered: the socket is served
            assert close_code(ws, timeout=5) == 4400


@pytest.mark.parametrize("carrier", ["cookie", "bearer", "ticket"])
async def test_socket_is_closed_4001_when_its_access_token_expires(
    nats_url: str, issuer: Issuer, carrier: str
) -> None:
    token = issuer.token(USER, exp=int(time.time()) + 2)
    async with AsyncTestClient(create_app(gateway_settings(nats_url, issuer))) as client:
        url, headers = "/ws", {}
        if carrier == "cookie":
            headers = {"cookie": f"gts_access={token}", "origin": ISSUER}
        elif carrier == "bearer":
            headers = {"authorization": f"Bearer {token}"}
        else:
            issued = await client.post(
                "/api/v1/ws-ticket", headers={"authorization": f"Bearer {token}"}
            )
            assert issued.status_code == 201
            url = "/ws?ticket=" + issued.json()["ticket"]
        with await client.websocket_connect(url, headers=headers) as ws:
            assert close_code(ws, timeout=0.5) is None  # served while the token is valid
            started = time.monotonic()
            assert close_code(ws, timeout=10) == 4001
            assert time.monotonic() - started < 5


async def test_a_ticket_redeemed_on_one_replica_is_refused_on_another(
    nats_url: str, issuer: Issuer
) -> None:
    token = issuer.token(USER)
    settings = gateway_settings(nats_url, issuer)
    async with (
        AsyncTestClient(create_app(settings)) as first,
        AsyncTestClient(create_app(settings)) as second,
    ):
        issued = await first.post("/api/v1/ws-ticket", headers={"authorization": f"Bearer {token}"})
        url = "/ws?ticket=" + issued.json()["ticket"]
        with await first.websocket_connect(url) as ws:
            assert close_code(ws, timeout=0.5) is None  # redeemed on the first replica
        with await second.websocket_connect(url) as ws:
            assert close_code(ws, timeout=5) == 4001  # and refused on the second
        with await first.websocket_connect(url) as ws:
            assert close_code(ws, timeout=5) == 4001
