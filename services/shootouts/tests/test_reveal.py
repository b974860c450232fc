"""The owner of a blind shootout reveals its letters to everyone: before, visitors get neither
the key nor each chain's files; after, both; a new render shuffles the letters and starts
unrevealed again."""

from __future__ import annotations

import uuid
from typing import Any

from gts_contracts import RenderOutput

from .conftest import ALICE, BOB, Api
from .flow import complete_render, ready_shootout, store_outputs

BODY = b"one rendered file"


async def rendered(
    api: Api, nats_url: str, made: dict[str, Any], key: dict[str, str]
) -> list[RenderOutput]:
    """Play the render service for a new render: each chain's audio and the manifest (all
    `BODY`), done with the letters `key`; the outputs it reported, once the owner sees them."""
    (blob,) = await store_outputs(nats_url, [BODY])
    shootout_id = uuid.UUID(made["shootout"]["id"])
    path = f"/api/v1/shootouts/{shootout_id}"
    submitted = await api.request(ALICE, "POST", f"{path}/render")
    assert submitted.status_code == 202, submitted.text
    job_id = submitted.json()["job_id"]
    di_id = uuid.UUID(made["di"]["id"])
    outputs = [
        RenderOutput(
            output_id=uuid.uuid4(),
            kind=kind,
            di_id=di_id,
            chain_id=uuid.UUID(chain["id"]) if chain else None,
            blob_sha256=blob.sha256,
            content_type=content_type,
            size_bytes=blob.size,
            duration_seconds=None,
            metrics=None,
        )
        for kind, chain, content_type in (
            ("chain_audio", made["chains"][0], "audio/flac"),
            ("chain_audio", made["chains"][1], "audio/flac"),
            ("manifest", None, "application/json"),
        )
    ]
    await complete_render(api, shootout_id, job_id, outputs, blind_key=key)
    return outputs


async def assert_unrevealed(api: Api, shown: str, outputs: list[RenderOutput]) -> None:
    """Visitors of the public view `shown` see neither the letters' key nor the results, and
    none of the render's `outputs` streams to them."""
    seen = (await api.request(None, "GET", shown)).json()
    assert seen["blind_key"] is None
    assert seen["revealed_at"] is None
    assert seen["results"] == []
    for output in outputs:
        hidden = await api.request(None, "GET", f"/api/v1/outputs/{output.output_id}")
        assert hidden.status_code == 404


async def test_revealing_shows_visitors_the_key_and_each_chains_files(
    api: Api, nats_url: str
) -> None:
    made = await ready_shootout(api, ALICE, visibility="unlisted")
    shootout_id = made["shootout"]["id"]
    path = f"/api/v1/shootouts/{shootout_id}"
    shown = f"/api/v1/public/shootouts/{shootout_id}"
    assert made["shootout"]["revealed_at"] is None
    early = await api.request(ALICE, "POST", f"{path}/reveal")
    assert early.status_code == 409, early.text
    assert early.headers["content-type"].startswith("application/problem+json")
    assert early.json()["code"] == "not_rendered"

    first, second = (chain["id"] for chain in made["chains"])
    key = {"A": second, "B": first}
    outputs = await rendered(api, nats_url, made, key)
    await assert_unrevealed(api, shown, outputs)

    # another user's shootout is not there for them
    assert (await api.request(BOB, "POST", f"{path}/reveal")).status_code == 404
    assert (await api.request(None, "GET", shown)).json()["revealed_at"] is None

    revealed = await api.request(ALICE, "POST", f"{path}/reveal")
    assert revealed.status_code == 200, revealed.text
    mine = revealed.json()
    assert mine["revealed_at"] is not None
    assert mine["blind_key"] == key
    again = await api.request(ALICE, "POST", f"{path}/reveal")
    assert again.status_code == 200
    assert again.json()["revealed_at"] == mine["revealed_at"]
    assert (await api.request(ALICE, "GET", path)).json()["revealed_at"] == mine["revealed_at"]

    after = (await api.request(None, "GET", shown)).json()
    assert after["revealed_at"] == mine["revealed_at"]
    assert after["blind_key"] == key
    by_chain = {r["chain_id"]: r["id"] for r in after["results"] if r["kind"] == "chain_audio"}
    assert by_chain == {str(o.chain_id): str(o.output_id) for o in outputs if o.chain_id}
    for output in outputs:
        shared = await api.request(None, "GET", f"/api/v1/outputs/{output.output_id}")
        assert shared.status_code == 200, (output.kind, shared.status_code)
        assert shared.content == BODY

    # a new render shuffles the letters: it starts unrevealed, its files the owner's again
    newer = await rendered(api, nats_url, made, {"A": first, "B": second})
    assert (await api.request(ALICE, "GET", path)).json()["revealed_at"] is None
    await assert_unrevealed(api, shown, newer)


async def test_revealing_a_shootout_that_is_not_blind_is_a_conflict(api: Api) -> None:
    made = await ready_shootout(
        api, ALICE, visibility="public", montage={"segment_seconds": 2.5, "blind": False}
    )
    path = f"/api/v1/shootouts/{made['shootout']['id']}"
    answer = await api.request(ALICE, "POST", f"{path}/reveal")
    assert answer.status_code == 409, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert answer.json()["code"] == "not_blind"
    assert "not blind" in answer.json()["detail"]
