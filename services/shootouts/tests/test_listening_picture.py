"""`GET /api/v1/shootouts/{id}/listening/results.svg`: the results as a self-contained SVG
picture, shown to whoever may read the results, every name escaped."""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET

from sqlalchemy.ext.asyncio import AsyncEngine

from shootouts.listening.picture import results_svg
from shootouts.listening.schemas import ChainResult, Estimate, ListeningResults

from .conftest import ALICE, BOB, Api
from .listening_flow import CAROL, listenable, vote

SVG = "{http://www.w3.org/2000/svg}"
TRICKY = '<b>&"x"'


def texts(svg: str) -> list[str]:
    """Every text and title of the picture, as a reader (or screen reader) gets them."""
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return [e.text or "" for e in root.iter() if e.tag in (f"{SVG}text", f"{SVG}title")]


async def test_the_picture_names_every_chain_and_escapes_names(
    api: Api, nats_url: str, engine: AsyncEngine
) -> None:
    made = await listenable(api, nats_url, "unlisted", name=f"Shootout {TRICKY}")
    shootout_id = made["shootout"]["id"]
    renamed = await api.request(
        ALICE, "PATCH", f"/api/v1/signal-chains/{made['chains'][0]['id']}", json={"name": TRICKY}
    )
    assert renamed.status_code == 200, renamed.text
    picture = f"/api/v1/shootouts/{shootout_id}/listening/results.svg"
    empty = await api.request(ALICE, "GET", picture)
    assert empty.status_code == 200, empty.text
    assert any("No votes yet" in t for t in texts(empty.text))

    first = made["chains"][0]["id"]
    for listener in (BOB, CAROL):
        await vote(api, engine, listener, shootout_id, {c["id"]: 70 for c in made["chains"]}, first)
    answer = await api.request(ALICE, "GET", picture)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("image/svg+xml")
    assert (
        answer.headers["content-disposition"] == f'inline; filename="listening-{shootout_id}.svg"'
    )
    assert "<b>" not in answer.text  # the name is text, not markup
    shown = texts(answer.text)
    assert f"Shootout {TRICKY}" in shown
    assert TRICKY in shown
    assert made["chains"][1]["name"] in shown
    assert "2 blind votes · 0 finished ABX runs" in shown
    # nothing to fetch: no links, images, fonts or scripts
    for forbidden in ("href", "<image", "@import", "url(", "<script"):
        assert forbidden not in answer.text


async def test_the_picture_is_shown_as_the_results_are(api: Api, nats_url: str) -> None:
    made = await listenable(api, nats_url, "unlisted")
    shootout_id = made["shootout"]["id"]
    base = f"/api/v1/shootouts/{shootout_id}/listening"
    assert (await api.request(ALICE, "GET", f"{base}/results.svg")).status_code == 200
    for who in (BOB, None):
        hidden = await api.request(who, "GET", f"{base}/results.svg")
        assert hidden.status_code == 404, hidden.text
    assert (await api.request(ALICE, "POST", f"{base}/publish")).status_code == 200
    for who in (BOB, None):
        shown = await api.request(who, "GET", f"{base}/results.svg")
        assert shown.status_code == 200, shown.text
    missing = await api.request(
        ALICE, "GET", f"/api/v1/shootouts/{uuid.uuid4()}/listening/results.svg"
    )
    assert missing.status_code == 404


def test_the_picture_draws_intervals_on_the_axes() -> None:
    chain = ChainResult(
        chain_id=uuid.uuid4(),
        name="Plexi",
        votes=4,
        favourite=3,
        favourite_share=Estimate(estimate=0.75, low=0.3, high=0.95),
        mean_rating=Estimate(estimate=80.0, low=60.0, high=104.0),
    )
    results = ListeningResults(
        shootout_id=uuid.uuid4(), votes=4, published=False, chains=[chain], pairs=[]
    )
    svg = results_svg("One", results)
    shown = texts(svg)
    assert "3 of 4 · 75 %" in shown
    assert "80 (60\u2013100)" in shown  # the t interval is clipped to the scale
    root = ET.fromstring(svg)
    assert root.get("width") == "1200"
    bars = [e for e in root.iter(f"{SVG}rect") if e.get("fill") not in ("#ffffff",)]
    assert len(bars) == 2
