"""Listening results: preference with Wilson intervals, mean ratings with t intervals, ABX
pairs; the votes as CSV; shown to others only once the owner publishes them."""

from __future__ import annotations

import csv
import io
import math
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from .conftest import ALICE, BOB, Api, scalar
from .listening_flow import CAROL, DAVE, abx_run, listenable, vote


async def bob_voted(
    api: Api, nats_url: str, engine: AsyncEngine, visibility: str
) -> tuple[dict[str, Any], str, str]:
    """ALICE's rendered shootout of `visibility` once BOB rated its chains Marshall 80 (his
    favourite) and Plexi 40; with the two chains' ids."""
    made = await listenable(api, nats_url, visibility)
    marshall, plexi = (c["id"] for c in made["chains"])
    await vote(api, engine, BOB, made["shootout"]["id"], {marshall: 80, plexi: 40}, marshall)
    return made, marshall, plexi


async def test_results_add_up_the_votes_and_abx_runs(
    api: Api, nats_url: str, engine: AsyncEngine
) -> None:
    made = await listenable(api, nats_url, "unlisted")
    shootout_id = made["shootout"]["id"]
    marshall, plexi = (c["id"] for c in made["chains"])
    results = f"/api/v1/shootouts/{shootout_id}/listening/results"
    empty = (await api.request(ALICE, "GET", results)).json()
    assert empty == {
        "shootout_id": shootout_id,
        "votes": 0,
        "published": False,
        "chains": [],
        "pairs": [],
    }

    await vote(api, engine, BOB, shootout_id, {marshall: 80, plexi: 40}, marshall)
    await vote(api, engine, CAROL, shootout_id, {marshall: 60, plexi: 50}, marshall)
    await vote(api, engine, DAVE, shootout_id, {marshall: 70, plexi: 90}, plexi)
    # ABX (either way round counts for the pair): 12 of 16 is p = 0.038, 8 of 16 is not;
    # an unfinished run is not counted
    await abx_run(api, engine, BOB, made, right=12)
    await abx_run(api, engine, CAROL, made, right=8)
    await abx_run(api, engine, DAVE, made, right=16, answered=5)

    got = (await api.request(ALICE, "GET", results)).json()
    assert got["votes"] == 3
    assert [c["chain_id"] for c in got["chains"]] == [marshall, plexi]
    first, second = got["chains"]
    assert (first["name"], first["votes"], first["favourite"]) == ("Marshall", 3, 2)
    assert (second["name"], second["votes"], second["favourite"]) == ("Plexi", 3, 1)
    # Wilson 95 % for 2 of 3: 0.2077 to 0.9385; 1 of 3: 0.0615 to 0.7923
    assert first["favourite_share"] == pytest.approx(
        {"estimate": 2 / 3, "low": 0.2077, "high": 0.9385}, abs=1e-4
    )
    assert second["favourite_share"] == pytest.approx(
        {"estimate": 1 / 3, "low": 0.0615, "high": 0.7923}, abs=1e-4
    )
    # mean 70, sd 10 (Marshall); mean 60, sd sqrt(700) (Plexi); t(0.975, 2) = 4.302653
    t = 4.302653
    assert first["mean_rating"] == pytest.approx(
        {"estimate": 70, "low": 70 - t * 10 / math.sqrt(3), "high": 70 + t * 10 / math.sqrt(3)},
        abs=1e-4,
    )
    half = t * math.sqrt(700) / math.sqrt(3)
    assert second["mean_rating"] == pytest.approx(
        {"estimate": 60, "low": 60 - half, "high": 60 + half}, abs=1e-4
    )
    assert got["pairs"] == [
        {"chain_ids": sorted([marshall, plexi]), "sessions": 2, "significant": 1}
    ]


async def test_the_votes_export_as_csv(api: Api, nats_url: str, engine: AsyncEngine) -> None:
    made, marshall, plexi = await bob_voted(api, nats_url, engine, "public")
    shootout_id = made["shootout"]["id"]
    await vote(api, engine, CAROL, shootout_id, {marshall: 10, plexi: 95}, plexi)
    path = f"/api/v1/shootouts/{shootout_id}/listening/votes.csv"
    assert (await api.request(BOB, "GET", path)).status_code == 404
    answer = await api.request(ALICE, "GET", path)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert list(rows[0]) == [
        "listener", "voted_at", "letter", "chain_id", "chain_name", "rating", "favourite",
    ]  # fmt: skip
    seen = sorted(
        (r["listener"], r["chain_name"], r["chain_id"], r["rating"], r["favourite"]) for r in rows
    )
    assert seen == [
        ("L1", "Marshall", marshall, "80", "yes"),
        ("L1", "Plexi", plexi, "40", "no"),
        ("L2", "Marshall", marshall, "10", "no"),
        ("L2", "Plexi", plexi, "95", "yes"),
    ]
    assert sorted(r["letter"] for r in rows) == ["A", "A", "B", "B"]
    assert all(r["voted_at"] for r in rows)
    assert str(BOB) not in answer.text
    assert str(CAROL) not in answer.text


async def test_others_see_the_results_only_once_published(
    api: Api, nats_url: str, engine: AsyncEngine
) -> None:
    made, _, _ = await bob_voted(api, nats_url, engine, "unlisted")
    shootout_id = made["shootout"]["id"]
    base = f"/api/v1/shootouts/{shootout_id}/listening"
    public = f"/api/v1/public/shootouts/{shootout_id}"

    async def said_published() -> bool:
        view = await api.request(None, "GET", public)
        assert view.status_code == 200, view.text
        return bool(view.json()["listening_published"])

    for who in (BOB, None):
        hidden = await api.request(who, "GET", f"{base}/results")
        assert hidden.status_code == 404, hidden.text
    assert not await said_published()
    assert (await api.request(BOB, "POST", f"{base}/publish")).status_code == 404

    published = await api.request(ALICE, "POST", f"{base}/publish")
    assert published.status_code == 200, published.text
    assert published.json()["published"] is True
    assert published.json()["published_at"] is not None
    again = await api.request(ALICE, "POST", f"{base}/publish")
    assert again.json()["published_at"] == published.json()["published_at"]
    assert await said_published()
    for who in (ALICE, BOB, None):
        shown = await api.request(who, "GET", f"{base}/results")
        assert shown.status_code == 200, shown.text
        assert shown.json()["published"] is True
        assert shown.json()["votes"] == 1

    # a private shootout's results are its owner's, published or not
    private = await api.request(
        ALICE, "PATCH", f"/api/v1/shootouts/{shootout_id}", json={"visibility": "private"}
    )
    assert private.status_code == 200
    assert (await api.request(BOB, "GET", f"{base}/results")).status_code == 404
    await api.request(
        ALICE, "PATCH", f"/api/v1/shootouts/{shootout_id}", json={"visibility": "public"}
    )
    assert (await api.request(None, "GET", f"{base}/results")).status_code == 200

    unpublished = await api.request(ALICE, "POST", f"{base}/unpublish")
    assert unpublished.status_code == 200
    assert unpublished.json() == {
        "shootout_id": shootout_id,
        "published": False,
        "published_at": None,
    }
    assert (await api.request(BOB, "GET", f"{base}/results")).status_code == 404
    assert (await api.request(ALICE, "GET", f"{base}/results")).json()["published"] is False
    assert not await said_published()


async def test_deleting_a_shootout_deletes_its_listening(
    api: Api, nats_url: str, engine: AsyncEngine
) -> None:
    made, _, _ = await bob_voted(api, nats_url, engine, "unlisted")
    shootout_id = made["shootout"]["id"]
    await abx_run(api, engine, BOB, made, right=2, trials=2)
    await api.request(ALICE, "POST", f"/api/v1/shootouts/{shootout_id}/listening/publish")
    gone = await api.request(ALICE, "DELETE", f"/api/v1/shootouts/{shootout_id}")
    assert gone.status_code == 204, gone.text
    for table in ("listening_sessions", "abx_sessions", "listening_published"):
        assert await scalar(engine, f"SELECT count(*) FROM shootouts.{table}") == 0
