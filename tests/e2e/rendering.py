"""Helpers of the end-to-end tests that upload gear, render a shootout through the gateway
and read what it rendered."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from gts_cli.client import GtsClient
from gts_cli.flow import create_shootout, make_chain_of, render_and_follow, upload_di
from gts_cli.synth_di import di_wav_bytes
from gts_nam import synthesize_nam
from tone3000_sandbox.library.ir import synthesize_ir


def upload_gear(client: GtsClient, name: str, data: bytes) -> Any:
    """`client`'s new gear item from a capture or IR file's bytes (uploaded from disk, not
    imported: the TONE3000 stand-in throttles accounts that many tests use)."""
    return client.post("/api/v1/gear", files={"file": (name, data)})


def shootout_over(
    client: GtsClient, name: str, di: dict[str, Any], chains: list[Any], **settings: Any
) -> Any:
    """`client`'s new shootout `name` of `chains` (their records) over one DI (its record)."""
    return create_shootout(client, name, [di["id"]], [c["id"] for c in chains], **settings)


def render_completed(client: GtsClient, shootout_id: str) -> str:
    """Render the shootout, following its job to the end; it must complete. The job's id."""
    job_id, events = render_and_follow(client, shootout_id)
    last = events[-1]
    status = last["job"]["status"] if last.get("event") == "subscribed" else last.get("event")
    assert status == "completed", last
    return job_id


def amp_cab_chains(
    client: GtsClient, seeds: Iterable[int], ir_seed: int, label: str = "Amp"
) -> list[Any]:
    """One chain per seed, named "`label` SEED" like its capture: a synthesized nano capture
    of that seed into one synthesized cab IR (seeded by `ir_seed`)."""
    cab = upload_gear(client, "cab.wav", synthesize_ir(ir_seed))
    chains = []
    for n in seeds:
        name = f"{label} {n}"
        amp = upload_gear(client, f"amp{n}.nam", synthesize_nam("nano", seed=n, name=name))
        chains.append(make_chain_of(client, name, [amp, cab]))
    return chains


def amp_cab_shootout(
    client: GtsClient,
    title: str,
    seeds: Iterable[int],
    ir_seed: int,
    di: tuple[float, int],
    passage: tuple[float, float] | None = None,
    label: str = "Amp",
    **settings: Any,
) -> tuple[list[Any], Any]:
    """`client`'s new shootout `title` of `amp_cab_chains` (`seeds`, `ir_seed`, `label`) over a
    synthesized DI of `di` = (seconds, seed), or over its `passage` (start and end, s) when
    given: the chains and the shootout."""
    chains = amp_cab_chains(client, seeds, ir_seed, label)
    seconds, seed = di
    di_record = upload_di(client, di_wav_bytes(seconds, seed=seed), f"{title} riff")
    if passage is not None:
        start, end = passage
        settings["passages"] = [
            {"di_id": di_record["id"], "start_seconds": start, "end_seconds": end}
        ]
    return chains, shootout_over(client, title, di_record, chains, **settings)


def render_to_completion(client: GtsClient, shootout_id: str) -> list[dict[str, Any]]:
    """Render the shootout, following its job to the end; it must complete. Its results."""
    render_completed(client, shootout_id)
    results: list[dict[str, Any]] = client.get(f"/api/v1/shootouts/{shootout_id}")["results"]
    return results


def chain_audio(client: GtsClient, results: list[dict[str, Any]]) -> dict[str, bytes]:
    """Each chain's rendered audio file among `results`, by chain id."""
    return {
        r["chain_id"]: client.request("GET", f"/api/v1/outputs/{r['id']}").content
        for r in results
        if r["kind"] == "chain_audio"
    }


def render_chains(
    client: GtsClient, title: str, chain_ids: list[str], di_seed: int
) -> dict[str, bytes]:
    """Render the chains over a synthesized 3 s DI (no video, no pictures) to completion: each
    chain's audio file, by chain id (every chain has one)."""
    di = upload_di(client, di_wav_bytes(3.0, seed=di_seed), f"{title} riff")
    outputs = {"video": False, "pictures": False}
    shootout = create_shootout(client, title, [di["id"]], chain_ids, outputs=outputs)
    audio = chain_audio(client, render_to_completion(client, shootout["id"]))
    assert set(audio) == set(chain_ids)
    return audio


def assert_one_set_of_outputs(results: list[Any], chains: int) -> None:
    """A shootout's results hold one render's files: each chain's audio once, the montage once
    as FLAC and once as M4A (a job that ran twice would hold two of each)."""
    kinds = sorted(r["kind"] for r in results)
    assert kinds.count("chain_audio") == chains, kinds
    montages = sorted(r["content_type"] for r in results if r["kind"] == "montage_audio")
    assert montages == ["audio/flac", "audio/mp4"], kinds
