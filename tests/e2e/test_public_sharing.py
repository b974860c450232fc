"""Sharing through the gateway: a visitor with no token and no cookies reads a public or
unlisted shootout and downloads its files; a private one is 404 to everyone but its owner;
the public view names the chains and leaks no DI, gear file or blind mapping."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from gts_cli.client import GtsClient, GtsError
from gts_cli.flow import create_shootout, import_gear, make_chain, render_and_follow, upload_di
from gts_cli.stack.stack import Stack
from gts_cli.synth_di import di_wav_bytes

pytestmark = pytest.mark.e2e

# A blind shootout's files only its owner gets: the manifest (the answer sheet) and each
# chain's own files.
OWNER_ONLY_WHEN_BLIND = frozenset({"manifest", "chain_audio", "card"})


@pytest.fixture(scope="module")
def visitor(stack: Stack) -> Iterator[httpx.Client]:
    """Someone with the link: no token, no cookies."""
    with httpx.Client(base_url=stack.gateway_url, timeout=60) as client:
        yield client
        assert not client.cookies, "a visitor was given cookies"


@pytest.fixture(scope="module")
def setup(alice: GtsClient) -> dict[str, Any]:
    """Alice's DI (4 s), two amps and an IR imported from TONE3000, two chains."""
    di = upload_di(alice, di_wav_bytes(4.0, seed=21), "shared riff")
    amps, irs = import_gear(alice, amps=2, irs=1)
    chains = [make_chain(alice, amp, irs[0]) for amp in amps]
    return {"di": di, "amps": amps, "irs": irs, "chains": chains}


def rendered(alice: GtsClient, setup: dict[str, Any], visibility: str, blind: bool) -> Any:
    """Alice's shootout of `visibility`, rendered: her own view of it."""
    shootout = create_shootout(
        alice,
        f"shared {visibility}",
        [setup["di"]["id"]],
        [c["id"] for c in setup["chains"]],
        visibility=visibility,
        montage={"segment_seconds": 1.0, "blind": blind},
        outputs={"video": False, "pictures": True},
    )
    _, events = render_and_follow(alice, shootout["id"])
    assert events[-1]["event"] == "completed", events[-1]
    return alice.get(f"/api/v1/shootouts/{shootout['id']}")


@pytest.fixture(scope="module")
def public(alice: GtsClient, setup: dict[str, Any]) -> Any:
    return rendered(alice, setup, "public", blind=False)


@pytest.fixture(scope="module")
def unlisted_blind(alice: GtsClient, setup: dict[str, Any]) -> Any:
    return rendered(alice, setup, "unlisted", blind=True)


def downloads_every_file(
    visitor: httpx.Client, alice: GtsClient, shared: Any, withheld: frozenset[str] = frozenset()
) -> None:
    """Each of the shootout's files but the `withheld` kinds, whole and one range, as the
    visitor gets them."""
    view = visitor.get(f"/api/v1/public/shootouts/{shared['id']}")
    assert view.status_code == 200, view.text
    results = view.json()["results"]
    shown = {r["id"] for r in shared["results"] if r["kind"] not in withheld}
    assert {r["id"] for r in results} == shown
    assert {r["kind"] for r in results} >= {"montage_audio"} | ({"chain_audio", "card"} - withheld)
    for result in results:
        whole = visitor.get(result["url"])
        assert whole.status_code == 200, (result["kind"], whole.text[:300])
        assert whole.headers["content-type"] == result["content_type"]
        assert len(whole.content) == result["size_bytes"]
        assert whole.content == alice.request("GET", result["url"]).content
    audio = next(r for r in results if r["content_type"] == "audio/mp4")  # the montage's M4A
    body = visitor.get(audio["url"]).content
    part = visitor.get(audio["url"], headers={"Range": "bytes=100-199"})
    assert part.status_code == 206
    assert part.content == body[100:200]
    assert part.headers["content-range"] == f"bytes 100-199/{len(body)}"


def test_visitor_downloads_every_file_of_a_public_shootout(
    visitor: httpx.Client, alice: GtsClient, public: Any
) -> None:
    listed = visitor.get("/api/v1/public/shootouts", params={"limit": 100})
    assert listed.status_code == 200
    assert public["id"] in {s["id"] for s in listed.json()["items"]}
    downloads_every_file(visitor, alice, public)
    assert "manifest" in {r["kind"] for r in public["results"]}


def test_visitor_downloads_every_file_of_an_unlisted_shootout_by_its_id(
    visitor: httpx.Client, alice: GtsClient, unlisted_blind: Any
) -> None:
    listed = visitor.get("/api/v1/public/shootouts", params={"limit": 100}).json()
    assert unlisted_blind["id"] not in {s["id"] for s in listed["items"]}
    # blind: the manifest lists each chain with its label, so it stays the owner's
    downloads_every_file(visitor, alice, unlisted_blind, withheld=OWNER_ONLY_WHEN_BLIND)
    (manifest,) = (r for r in unlisted_blind["results"] if r["kind"] == "manifest")
    assert visitor.get(manifest["url"]).status_code == 404


def test_a_blind_shootout_keeps_each_chains_files_from_visitors(
    visitor: httpx.Client, alice: GtsClient, unlisted_blind: Any
) -> None:
    # Beside the chains the public view lists in order, one file per chain (its audio and
    # metrics, its card) would tell which letter is which: they stay the owner's.
    per_chain = [r for r in unlisted_blind["results"] if r["kind"] in {"chain_audio", "card"}]
    assert {r["kind"] for r in per_chain} == {"chain_audio", "card"}
    view = visitor.get(f"/api/v1/public/shootouts/{unlisted_blind['id']}").json()
    assert not {r["kind"] for r in view["results"]} & {"chain_audio", "card"}
    assert all(r["metrics"] is None for r in view["results"])
    for result in per_chain:
        answer = visitor.get(result["url"])
        assert answer.status_code == 404, (result["kind"], answer.status_code)
        assert answer.headers["content-type"] == "application/problem+json"
        assert alice.request("GET", result["url"]).status_code == 200


def test_the_owner_reveals_a_blind_shootout_to_visitors(
    visitor: httpx.Client, alice: GtsClient, bob: GtsClient, setup: dict[str, Any], public: Any
) -> None:
    blind = rendered(alice, setup, "unlisted", blind=True)
    shown = f"/api/v1/public/shootouts/{blind['id']}"
    reveal = f"/api/v1/shootouts/{blind['id']}/reveal"
    per_chain = [r for r in blind["results"] if r["kind"] in OWNER_ONLY_WHEN_BLIND]
    assert {r["kind"] for r in per_chain} == OWNER_ONLY_WHEN_BLIND
    assert blind["revealed_at"] is None
    assert visitor.get(shown).json()["revealed_at"] is None
    for result in per_chain:
        assert visitor.get(result["url"]).status_code == 404, result["kind"]

    # only the owner reveals: another user's shootout is not there for them
    with pytest.raises(GtsError) as refused:
        bob.request("POST", reveal)
    assert refused.value.response.status_code == 404
    assert visitor.get(shown).json()["blind_key"] is None

    mine = alice.post(reveal)
    assert mine["revealed_at"] is not None
    assert alice.post(reveal)["revealed_at"] == mine["revealed_at"]
    view = visitor.get(shown).json()
    assert view["revealed_at"] == mine["revealed_at"]
    assert view["blind_key"] == blind["blind_key"]
    assert set(view["blind_key"]) == {"A", "B"}
    assert {r["id"] for r in view["results"]} == {r["id"] for r in blind["results"]}
    audio = {r["chain_id"] for r in view["results"] if r["kind"] == "chain_audio"}
    assert audio == {c["id"] for c in setup["chains"]}
    for result in per_chain:
        answer = visitor.get(result["url"])
        assert answer.status_code == 200, (result["kind"], answer.status_code)
        assert answer.content == alice.request("GET", result["url"]).content

    # a shootout that is not blind has nothing to reveal
    with pytest.raises(GtsError) as conflict:
        alice.request("POST", f"/api/v1/shootouts/{public['id']}/reveal")
    assert conflict.value.response.status_code == 409
    assert conflict.value.response.headers["content-type"] == "application/problem+json"
    assert conflict.value.response.json()["code"] == "not_blind"


def test_private_files_are_404_to_a_visitor_and_to_another_user(
    visitor: httpx.Client, alice: GtsClient, bob: GtsClient, unlisted_blind: Any
) -> None:
    path = f"/api/v1/shootouts/{unlisted_blind['id']}"
    alice.request("PATCH", path, json={"visibility": "private"})
    try:
        shown = f"/api/v1/public/shootouts/{unlisted_blind['id']}"
        urls = [shown, *(r["url"] for r in unlisted_blind["results"])]
        for url in urls:
            answer = visitor.get(url)
            assert answer.status_code == 404, (url, answer.status_code)
            assert answer.headers["content-type"] == "application/problem+json"
            with pytest.raises(GtsError) as refused:
                bob.request("GET", url)
            assert refused.value.response.status_code == 404, url
        for result in unlisted_blind["results"]:
            assert alice.request("GET", result["url"]).status_code == 200
    finally:
        alice.request("PATCH", path, json={"visibility": "unlisted"})


def test_public_view_names_each_chain_and_leaks_no_di_gear_file_or_blind_mapping(
    visitor: httpx.Client,
    alice: GtsClient,
    setup: dict[str, Any],
    public: Any,
    unlisted_blind: Any,
) -> None:
    gear = [*setup["amps"], *setup["irs"]]
    secrets = [setup["di"]["sha256"], *(item["sha256"] for item in gear)]
    expected = [
        {
            "id": chain["id"],
            "name": chain["name"],
            "blocks": [
                {"type": "gear", "gear_name": block["gear_name"], "gear_kind": block["gear_kind"]}
                for block in chain["blocks"]
            ],
        }
        for chain in setup["chains"]
    ]
    assert expected[0]["blocks"][0]["gear_name"] == setup["amps"][0]["name"]
    for shared in (public, unlisted_blind):
        answer = visitor.get(f"/api/v1/public/shootouts/{shared['id']}")
        view = answer.json()
        chains = [{k: c[k] for k in ("id", "name", "blocks")} for c in view["chains"]]
        assert chains == expected
        for secret in secrets:
            assert secret not in answer.text
        assert "di_ids" not in view
    # blind: the owner holds the key; the visitor cannot tell which file is which chain
    assert set(unlisted_blind["blind_key"]) == {"A", "B"}
    blind = visitor.get(f"/api/v1/public/shootouts/{unlisted_blind['id']}").json()
    assert blind["blind_key"] is None
    assert all(r["chain_id"] is None for r in blind["results"])
    # not blind: each chain's audio says its chain
    shown = visitor.get(f"/api/v1/public/shootouts/{public['id']}").json()
    audio = {r["chain_id"] for r in shown["results"] if r["kind"] == "chain_audio"}
    assert audio == {c["id"] for c in setup["chains"]}
    # the DI itself stays the owner's
    di_audio = visitor.get(f"/api/v1/di-tracks/{setup['di']['id']}/audio")
    assert di_audio.status_code == 401
