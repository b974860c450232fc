"""Helpers for the listening tests: a shootout whose render completed with each chain's
audio (different bytes per chain), and what the database keeps secret."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine

from gts_contracts import RenderOutput

from .conftest import ALICE, Api, scalar
from .flow import complete_render, ready_shootout, store_outputs

CAROL = uuid.UUID("00000000-0000-4000-8000-0000000ca201")
DAVE = uuid.UUID("00000000-0000-4000-8000-0000000da7e0")


def chain_body(i: int) -> bytes:
    """Chain `i`'s rendered audio: different for each chain, over one 128 KiB chunk."""
    return f"chain {i} audio;".encode() * 10_000


async def listenable(api: Api, nats_url: str, visibility: str, **extra: Any) -> dict[str, Any]:
    """ALICE's shootout of `visibility` whose render completed with each chain's audio of its
    DI; with `bodies` (chain id -> bytes) and `outputs` (output ids) added."""
    made = await ready_shootout(api, ALICE, visibility=visibility, **extra)
    return {**made, **(await render_completed(api, nats_url, made))}


async def render_completed(
    api: Api, nats_url: str, made: dict[str, Any], salt: str = ""
) -> dict[str, Any]:
    """Play the render service for a new render of `made`'s shootout: each chain's audio
    (`chain_body` + `salt`); its `bodies` and `outputs`, once the owner sees it completed."""
    shootout_id = uuid.UUID(made["shootout"]["id"])
    path = f"/api/v1/shootouts/{shootout_id}"
    submitted = await api.request(ALICE, "POST", f"{path}/render")
    assert submitted.status_code == 202, submitted.text
    job_id = submitted.json()["job_id"]
    bodies = {chain["id"]: chain_body(i) + salt.encode() for i, chain in enumerate(made["chains"])}
    blobs = await store_outputs(nats_url, list(bodies.values()))
    outputs = [
        RenderOutput(
            output_id=uuid.uuid4(),
            kind="chain_audio",
            di_id=uuid.UUID(made["di"]["id"]),
            chain_id=uuid.UUID(chain_id),
            blob_sha256=blob.sha256,
            content_type="audio/flac",
            size_bytes=blob.size,
            duration_seconds=1.0,
            metrics=None,
        )
        for chain_id, blob in zip(bodies, blobs, strict=True)
    ]
    await complete_render(api, shootout_id, job_id, outputs)
    return {"bodies": bodies, "outputs": [str(o.output_id) for o in outputs]}


async def letters_of(engine: AsyncEngine, session_id: str) -> dict[str, str]:
    """Letter -> chain id of a blind session, as only the database knows it before the vote."""
    letters = await scalar(
        engine, "SELECT letters FROM shootouts.listening_sessions WHERE id = :id", id=session_id
    )
    return {letter: chain["chain_id"] for letter, chain in letters.items()}


async def secrets_of(engine: AsyncEngine, session_id: str) -> list[str]:
    """X of every trial of an ABX run, as only the database knows it."""
    found: list[str] = await scalar(
        engine, "SELECT secrets FROM shootouts.abx_sessions WHERE id = :id", id=session_id
    )
    return found


def secrets_in(text: str, made: dict[str, Any]) -> list[str]:
    """Which chain ids, chain names and output ids of `made` appear in `text`."""
    hidden = [c["id"] for c in made["chains"]] + [c["name"] for c in made["chains"]]
    return [value for value in hidden + made["outputs"] if value in text]


async def vote(
    api: Api,
    engine: AsyncEngine,
    listener: uuid.UUID,
    shootout_id: str,
    by_chain: dict[str, int],
    favourite: str,
) -> None:
    """`listener` rates each chain as `by_chain` says and picks the chain `favourite`."""
    session = (
        await api.request(listener, "POST", f"/api/v1/shootouts/{shootout_id}/listening")
    ).json()
    key = await letters_of(engine, session["id"])
    ratings = {letter: by_chain[chain_id] for letter, chain_id in key.items()}
    pick = next(letter for letter, chain_id in key.items() if chain_id == favourite)
    answer = await api.request(
        listener,
        "POST",
        f"/api/v1/listening/{session['id']}/vote",
        json={"ratings": ratings, "favourite": pick},
    )
    assert answer.status_code == 200, answer.text


async def start_abx(
    api: Api, listener: uuid.UUID | None, made: dict[str, Any], **extra: Any
) -> httpx.Response:
    """`listener` asks for an ABX run between `made`'s two chains (`extra`: more of the body,
    e.g. `trials`)."""
    chain_a, chain_b = (c["id"] for c in made["chains"])
    return await api.request(
        listener,
        "POST",
        f"/api/v1/shootouts/{made['shootout']['id']}/abx",
        json={"chain_a": chain_a, "chain_b": chain_b, **extra},
    )


async def abx_run(
    api: Api,
    engine: AsyncEngine,
    listener: uuid.UUID,
    made: dict[str, Any],
    right: int,
    trials: int = 16,
    answered: int | None = None,
) -> None:
    """`listener` runs ABX between the two chains, right on the first `right` trials; stops
    after `answered` trials (default: all)."""
    run = (await start_abx(api, listener, made, trials=trials)).json()
    xs = await secrets_of(engine, run["id"])
    for n, x in enumerate(xs[: answered or trials], start=1):
        answer = x if n <= right else ("B" if x == "A" else "A")
        done = await api.request(
            listener, "POST", f"/api/v1/abx/{run['id']}/trials/{n}", json={"answer": answer}
        )
        assert done.status_code == 200, done.text
