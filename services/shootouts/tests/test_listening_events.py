"""`shootouts.listening.updated.v1`: each stored vote and each finished ABX run is announced
once, from the transaction that stored it; a refused vote or an unfinished run is not."""

from __future__ import annotations

import nats
from nats.aio.subscription import Subscription
from sqlalchemy.ext.asyncio import AsyncEngine

from gts_contracts import ListeningUpdatedV1, decode, spec_for

from .conftest import ALICE, BOB, Api
from .listening_flow import CAROL, abx_run, letters_of, listenable


async def next_update(sub: Subscription, shootout_id: str, wait: float = 10) -> ListeningUpdatedV1:
    """The next update of `shootout_id` (updates of other tests' shootouts are skipped)."""
    while True:
        update = decode((await sub.next_msg(timeout=wait)).data, ListeningUpdatedV1)
        if str(update.shootout_id) == shootout_id:
            return update


async def test_a_vote_and_a_finished_abx_run_are_each_announced_once(
    api: Api, nats_url: str, engine: AsyncEngine
) -> None:
    made = await listenable(api, nats_url, "unlisted")
    shootout_id = made["shootout"]["id"]
    results = f"/api/v1/shootouts/{shootout_id}/listening/results"
    nc = await nats.connect(nats_url)
    try:
        sub = await nc.subscribe(spec_for(ListeningUpdatedV1).subject)
        await nc.flush()  # the server has the subscription before the first vote
        session = (
            await api.request(BOB, "POST", f"/api/v1/shootouts/{shootout_id}/listening")
        ).json()
        vote = f"/api/v1/listening/{session['id']}/vote"
        refused = await api.request(
            BOB, "POST", vote, json={"ratings": {"A": 50}, "favourite": "A"}
        )
        assert refused.status_code == 422, refused.text
        body = {"ratings": {"A": 60, "B": 40}, "favourite": "A"}
        assert (await api.request(BOB, "POST", vote, json=body)).status_code == 200
        again = await api.request(BOB, "POST", vote, json=body)
        assert again.status_code == 409, again.text

        voted = await next_update(sub, shootout_id)
        assert (voted.change, voted.votes, voted.abx_finished) == ("vote", 1, 0)
        assert voted.owner_id == ALICE
        # published with the vote: the owner told of it reads it at once
        assert (await api.request(ALICE, "GET", results)).json()["votes"] == 1

        await abx_run(api, engine, CAROL, made, right=3, trials=3)
        # the refused and repeated votes and the unfinished trials announced nothing
        finished = await next_update(sub, shootout_id)
        assert (finished.change, finished.votes, finished.abx_finished) == ("abx", 1, 1)
        assert finished.owner_id == ALICE
        stray = await _any_update(sub, shootout_id, seconds=1.0)
        assert stray is None, stray
    finally:
        await nc.close()


async def test_each_listeners_vote_counts_in_the_announcement(
    api: Api, nats_url: str, engine: AsyncEngine
) -> None:
    made = await listenable(api, nats_url, "public")
    shootout_id = made["shootout"]["id"]
    nc = await nats.connect(nats_url)
    try:
        sub = await nc.subscribe(spec_for(ListeningUpdatedV1).subject)
        await nc.flush()
        for count, listener in enumerate((BOB, CAROL), start=1):
            session = (
                await api.request(listener, "POST", f"/api/v1/shootouts/{shootout_id}/listening")
            ).json()
            letters = sorted(await letters_of(engine, session["id"]))
            answer = await api.request(
                listener,
                "POST",
                f"/api/v1/listening/{session['id']}/vote",
                json={"ratings": dict.fromkeys(letters, 50), "favourite": letters[0]},
            )
            assert answer.status_code == 200, answer.text
            update = await next_update(sub, shootout_id)
            assert (update.change, update.votes) == ("vote", count)
    finally:
        await nc.close()


async def _any_update(
    sub: Subscription, shootout_id: str, seconds: float
) -> ListeningUpdatedV1 | None:
    try:
        return await next_update(sub, shootout_id, wait=seconds)
    except (TimeoutError, nats.errors.TimeoutError):
        return None
