"""What anyone sees of a shared shootout: each chain's name and blocks, the results, and never
the DI, the owner's gear files or (while blind) which file is which chain."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from gts_contracts import RenderOutput

from .conftest import ALICE, BOB, Api
from .flow import complete_render, ready_shootout


async def completed(api: Api, made: dict[str, Any]) -> list[RenderOutput]:
    """Play the render service: one audio file a chain, done; the outputs it reported."""
    shootout_id = uuid.UUID(made["shootout"]["id"])
    path = f"/api/v1/shootouts/{shootout_id}"
    job = (await api.request(ALICE, "POST", f"{path}/render")).json()
    chain_ids = [uuid.UUID(c["id"]) for c in made["chains"]]
    # (chain, kind, blob, content type, bytes, seconds): one audio file a chain, the manifest
    files = [
        (chain_id, "chain_audio", f"{n + 10:064x}", "audio/flac", 1000, 1.0)
        for n, chain_id in enumerate(chain_ids)
    ]
    files.append((None, "manifest", f"{99:064x}", "application/json", 100, None))
    outputs = [
        RenderOutput(
            output_id=uuid.uuid4(),
            kind=kind,
            di_id=uuid.UUID(made["di"]["id"]),
            chain_id=chain_id,
            blob_sha256=blob,
            content_type=content_type,
            size_bytes=size,
            duration_seconds=seconds,
            metrics=None,
        )
        for chain_id, kind, blob, content_type, size, seconds in files
    ]
    blind = made["shootout"]["montage"]["blind"]
    key = {"A": str(chain_ids[1]), "B": str(chain_ids[0])} if blind else None
    await complete_render(api, shootout_id, job["job_id"], outputs, blind_key=key)
    return outputs


async def private_values(engine: AsyncEngine, made: dict[str, Any]) -> list[str]:
    """What must never reach a visitor: the DI's id and file hash, the gear ids and files."""
    async with engine.connect() as db:
        gear = (
            await db.execute(
                text("SELECT blob_sha256 FROM shootouts.gear WHERE owner_id = :owner"),
                {"owner": ALICE},
            )
        ).scalars()
        found = [*gear]
    assert len(found) == 3
    return [made["di"]["sha256"], *found, *(str(g) for g in made["gear"])]


async def test_public_view_names_each_chain_and_its_blocks_and_nothing_private(
    api: Api, engine: AsyncEngine
) -> None:
    made = await ready_shootout(
        api, ALICE, visibility="public", montage={"segment_seconds": 2.5, "blind": False}
    )
    outputs = await completed(api, made)
    shootout_id = made["shootout"]["id"]
    answer = await api.request(None, "GET", f"/api/v1/public/shootouts/{shootout_id}")
    assert answer.status_code == 200, answer.text
    view = answer.json()
    assert [{"id": c["id"], "name": c["name"], "blocks": c["blocks"]} for c in view["chains"]] == [
        {
            "id": made["chains"][0]["id"],
            "name": "Marshall",
            "blocks": [
                {"type": "gear", "gear_name": "JCM800", "gear_kind": "amp"},
                {"type": "gear", "gear_name": "Mesa OS 57", "gear_kind": "cab-ir"},
            ],
        },
        {
            "id": made["chains"][1]["id"],
            "name": "Plexi",
            "blocks": [
                {"type": "gear", "gear_name": "Plexi rig", "gear_kind": "amp-cab"},
                {
                    "type": "effect",
                    "effect": "delay",
                    "params": made["chains"][1]["blocks"][1]["params"],
                },
            ],
        },
    ]
    # not blind: each chain's file says its chain, and the manifest is shared too
    by_chain = {r["chain_id"]: r["id"] for r in view["results"] if r["kind"] == "chain_audio"}
    assert by_chain == {str(o.chain_id): str(o.output_id) for o in outputs if o.chain_id}
    assert {r["id"] for r in view["results"]} == {str(o.output_id) for o in outputs}
    # the public list shows the same
    listed = (await api.request(None, "GET", "/api/v1/public/shootouts")).json()
    assert listed["items"] == [view]
    for secret in await private_values(engine, made):
        assert secret not in answer.text
        assert secret not in str(listed)
    assert "di_ids" not in view
    assert view["blind_key"] is None


async def test_blind_public_view_lists_the_chains_but_not_which_file_is_which(
    api: Api, engine: AsyncEngine
) -> None:
    made = await ready_shootout(api, ALICE, visibility="unlisted")
    assert made["shootout"]["montage"]["blind"] is True
    outputs = await completed(api, made)
    shootout_id = made["shootout"]["id"]
    answer = await api.request(None, "GET", f"/api/v1/public/shootouts/{shootout_id}")
    view = answer.json()
    assert [c["name"] for c in view["chains"]] == ["Marshall", "Plexi"]
    # each chain's own files would tell which letter is which: the owner's until the reveal
    assert view["results"] == []
    assert view["revealed_at"] is None
    for output in outputs:
        hidden = await api.request(None, "GET", f"/api/v1/outputs/{output.output_id}")
        assert hidden.status_code == 404
    # the manifest lists each chain with its label: the answer sheet stays the owner's
    (manifest,) = (o for o in outputs if o.kind == "manifest")
    for anyone in (None, BOB):
        hidden = await api.request(anyone, "GET", f"/api/v1/outputs/{manifest.output_id}")
        assert hidden.status_code == 404
    assert view["blind_key"] is None
    for secret in await private_values(engine, made):
        assert secret not in answer.text
    # the owner still sees the key and each file's chain
    mine = (await api.request(ALICE, "GET", f"/api/v1/shootouts/{shootout_id}")).json()
    assert set(mine["blind_key"]) == {"A", "B"}
    assert {r["chain_id"] for r in mine["results"]} == {*(c["id"] for c in made["chains"]), None}
    assert len(mine["results"]) == 3
