"""Live progress pieces: tickets, the per-socket bounded queue, routing, and the 4001 close."""

from __future__ import annotations

import uuid

import pytest
from litestar.exceptions import WebSocketDisconnect
from litestar.testing import AsyncTestClient

from gateway.app import create_app
from gateway.config import Settings
from gateway.live.hub import SOCKET_BUFFER, Listener, LiveHub
from gateway.live.tickets import TicketBook
from gts_kit.local.ports import free_port

USER, OTHER = uuid.uuid4(), uuid.uuid4()
JOB = uuid.uuid4()


def progress(percent: int) -> dict[str, object]:
    return {"event": "progress", "job_id": str(JOB), "percent": percent}


def test_ticket_is_redeemed_once_for_its_user() -> None:
    book = TicketBook("secret")
    ticket, ttl = book.issue(USER, now=1000)
    assert ttl == 30
    assert book.redeem(ticket, now=1001) == USER
    assert book.redeem(ticket, now=1002) is None


def test_expired_forged_or_foreign_tickets_are_refused() -> None:
    book = TicketBook("secret")
    ticket, _ = book.issue(USER, now=1000)
    assert book.redeem(ticket, now=1031) is None
    fresh, _ = book.issue(USER, now=1000)
    body, sig = fresh.split(".", 1)
    assert book.redeem(body + "." + sig[::-1], now=1001) is None
    assert TicketBook("another secret").redeem(fresh, now=1001) is None
    assert book.redeem("not a ticket", now=1001) is None


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
    dead = f"http://127.0.0.1:{free_port()}"
    settings = Settings(
        nats_url=nats_url,
        internal_secret="s",
        auth_url=dead,
        catalog_url=dead,
        shootouts_url=dead,
        render_url=dead,
    )
    async with AsyncTestClient(create_app(settings)) as client:
        with (
            pytest.raises(WebSocketDisconnect) as closed,
            await client.websocket_connect("/ws?ticket=forged") as ws,
        ):
            ws.receive_json()
    assert closed.value.code == 4001
