"""Following a shootout's listening results on `WS /ws`: its owner only, one of job and
shootout a subscription, and each `shootouts.listening.updated.v1` reaching the owner's
sockets that follow the shootout."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import nats
import pytest
from litestar.testing import AsyncTestClient

from gateway.app import create_app
from gateway.live.feed import listening_event
from gateway.live.hub import SOCKET_BUFFER, Listener, LiveHub
from gts_contracts import ListeningUpdatedV1, decode, encode, spec_for
from gts_contracts.examples import examples_for

from .shootouts_upstream import serve_shootouts
from .test_live import close_code, gateway_settings
from .token_issuer import ISSUER, Issuer, serve_issuer

OWNER, STRANGER = uuid.uuid4(), uuid.uuid4()
MINE, THEIRS = uuid.uuid4(), uuid.uuid4()
SECRET = "s"


@pytest.fixture(scope="module")
def signer() -> Iterator[Issuer]:
    with serve_issuer() as running:
        yield running


@pytest.fixture(scope="module")
def shootouts_url() -> Iterator[str]:
    with serve_shootouts(SECRET, {MINE: OWNER, THEIRS: STRANGER}) as url:
        yield url


def listening(shootout: uuid.UUID, owner: uuid.UUID, votes: int) -> ListeningUpdatedV1:
    return ListeningUpdatedV1.new(
        shootout_id=shootout, owner_id=owner, change="vote", votes=votes, abx_finished=0
    )


def test_every_golden_listening_update_becomes_a_socket_event() -> None:
    examples = examples_for(ListeningUpdatedV1)
    assert {decode(e.data, ListeningUpdatedV1).change for e in examples} == {"vote", "abx"}
    for example in examples:
        update = decode(example.data, ListeningUpdatedV1)
        assert listening_event(update) == {
            "event": "listening",
            "shootout_id": str(update.shootout_id),
            "change": update.change,
            "votes": update.votes,
            "abx_finished": update.abx_finished,
        }


def test_listening_events_reach_only_the_owner_sockets_that_follow_the_shootout() -> None:
    hub = LiveHub()
    mine, following_a_job = Listener(OWNER), Listener(OWNER, {MINE})
    mine.shootouts.add(MINE)
    theirs = Listener(STRANGER)
    theirs.shootouts.add(MINE)
    for listener in (mine, following_a_job, theirs):
        hub.add(listener)
    assert hub.dispatch_shootout(OWNER, MINE, {"event": "listening"}) == 1
    assert mine.queue.qsize() == 1
    assert following_a_job.queue.empty()
    assert theirs.queue.empty()


def test_a_full_queue_drops_the_oldest_listening_event_first() -> None:
    slow = Listener(OWNER)
    slow.offer({"event": "completed"})
    for votes in range(SOCKET_BUFFER * 2):
        slow.offer({"event": "listening", "votes": votes})
    events = [slow.queue.get_nowait() for _ in range(SOCKET_BUFFER)]
    assert events[0] == {"event": "completed"}
    assert events[-1]["votes"] == SOCKET_BUFFER * 2 - 1


async def test_the_owner_follows_their_shootouts_listening_results(
    nats_url: str, signer: Issuer, shootouts_url: str
) -> None:
    settings = gateway_settings(nats_url, signer, shootouts_url=shootouts_url)
    headers = {"cookie": f"gts_access={signer.token(OWNER)}", "origin": ISSUER}
    nc = await nats.connect(nats_url)
    try:
        async with AsyncTestClient(create_app(settings)) as client:
            with await client.websocket_connect("/ws", headers=headers) as ws:
                ws.send_json({"type": "subscribe", "shootout_id": str(MINE)})
                assert ws.receive_json(timeout=5) == {
                    "event": "subscribed",
                    "shootout_id": str(MINE),
                }
                subject = spec_for(ListeningUpdatedV1).subject
                # another owner's event of the same id, then the owner's own
                await nc.publish(subject, encode(listening(MINE, STRANGER, 9)))
                await nc.publish(subject, encode(listening(MINE, OWNER, 3)))
                await nc.flush()
                assert ws.receive_json(timeout=5) == {
                    "event": "listening",
                    "shootout_id": str(MINE),
                    "change": "vote",
                    "votes": 3,
                    "abx_finished": 0,
                }
    finally:
        await nc.close()


@pytest.mark.parametrize(
    ("message", "code"),
    [
        ({"type": "subscribe", "shootout_id": str(THEIRS)}, 4004),
        ({"type": "subscribe", "shootout_id": str(uuid.uuid4())}, 4004),
        ({"type": "subscribe", "shootout_id": str(MINE), "job_id": str(uuid.uuid4())}, 4400),
        ({"type": "subscribe"}, 4400),
        ({"type": "subscribe", "shootout_id": "not an id"}, 4400),
        ({"type": "follow", "shootout_id": str(MINE)}, 4400),
    ],
    ids=["another-users", "unknown", "both", "neither", "malformed-id", "not-subscribe"],
)
async def test_a_shootout_subscription_is_refused(
    nats_url: str, signer: Issuer, shootouts_url: str, message: dict[str, str], code: int
) -> None:
    settings = gateway_settings(nats_url, signer, shootouts_url=shootouts_url)
    headers = {"authorization": f"Bearer {signer.token(OWNER)}"}
    async with AsyncTestClient(create_app(settings)) as client:
        with await client.websocket_connect("/ws", headers=headers) as ws:
            ws.send_json(message)
            assert close_code(ws, timeout=5) == code
