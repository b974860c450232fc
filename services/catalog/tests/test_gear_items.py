"""A user's gear from upload to delete: listing and editing, dedup, a file shared by two
users, ownership, download and concurrent uploads."""

from __future__ import annotations

import asyncio
import hashlib

import pytest

from gts_nam import synthesize_nam

from .blobs import blob_bytes
from .conftest import ALICE, BOB, Api
from .wavs import wav


async def test_upload_list_filter_rename_delete_round_trip(api: Api) -> None:
    amp = await api.upload(ALICE, "plexi.nam", synthesize_nam("nano", seed=1, gear_make="Marshall"))
    assert amp.status_code == 201, amp.text
    cab = await api.upload(ALICE, "v30.wav", wav(0.2, channels=2))
    assert cab.status_code == 201, cab.text
    assert cab.json()["kind"] == "cab-ir"
    assert (cab.json()["channels"], cab.json()["sample_rate"]) == (2, 48_000)
    assert cab.json()["duration_seconds"] == pytest.approx(0.2)

    listing = (await api.request(ALICE, "GET", "/api/v1/gear")).json()
    assert listing["total"] == 2
    assert {i["filename"] for i in listing["items"]} == {"plexi.nam", "v30.wav"}
    irs = (await api.request(ALICE, "GET", "/api/v1/gear?format=ir")).json()
    assert [i["id"] for i in irs["items"]] == [cab.json()["id"]]
    by_make = (await api.request(ALICE, "GET", "/api/v1/gear?q=marsh")).json()
    assert [i["id"] for i in by_make["items"]] == [amp.json()["id"]]

    gear_id = amp.json()["id"]
    renamed = await api.request(
        ALICE,
        "PATCH",
        f"/api/v1/gear/{gear_id}",
        json={"name": "My Plexi", "tags": ["crunch", "crunch", "vintage"], "favourite": True},
    )
    assert renamed.status_code == 200, renamed.text
    assert (renamed.json()["name"], renamed.json()["tags"]) == ("My Plexi", ["crunch", "vintage"])
    tagged = (await api.request(ALICE, "GET", "/api/v1/gear?tag=vintage&favourite=true")).json()
    assert [i["name"] for i in tagged["items"]] == ["My Plexi"]

    page = (await api.request(ALICE, "GET", "/api/v1/gear?limit=1&offset=1")).json()
    assert (page["total"], len(page["items"])) == (2, 1)

    assert (await api.request(ALICE, "DELETE", f"/api/v1/gear/{gear_id}")).status_code == 204
    assert (await api.request(ALICE, "GET", f"/api/v1/gear/{gear_id}")).status_code == 404
    left = (await api.request(ALICE, "GET", "/api/v1/gear")).json()
    assert [i["id"] for i in left["items"]] == [cab.json()["id"]]


async def test_second_upload_of_same_file_returns_existing_item(api: Api) -> None:
    data = synthesize_nam("feather", seed=11)
    first = await api.upload(ALICE, "a.nam", data)
    again = await api.upload(ALICE, "renamed-copy.nam", data)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"]
    assert (await api.request(ALICE, "GET", "/api/v1/gear")).json()["total"] == 1


async def test_blob_shared_by_two_users_survives_one_users_delete(api: Api, nats_url: str) -> None:
    data = synthesize_nam("nano", seed=12)
    sha = hashlib.sha256(data).hexdigest()
    mine = (await api.upload(ALICE, "shared.nam", data)).json()
    theirs = await api.upload(BOB, "shared.nam", data)
    assert theirs.status_code == 201
    assert theirs.json()["id"] != mine["id"]
    assert mine["sha256"] == theirs.json()["sha256"] == sha

    assert (await api.request(ALICE, "DELETE", f"/api/v1/gear/{mine['id']}")).status_code == 204
    assert await blob_bytes(nats_url, sha) == data
    download = await api.request(BOB, "GET", f"/api/v1/gear/{theirs.json()['id']}/file")
    assert download.status_code == 200
    assert download.content == data

    assert (
        await api.request(BOB, "DELETE", f"/api/v1/gear/{theirs.json()['id']}")
    ).status_code == 204
    assert await blob_bytes(nats_url, sha) is None


async def test_another_users_item_is_404(api: Api) -> None:
    item = (await api.upload(ALICE, "mine.nam", synthesize_nam("nano", seed=13))).json()
    for method, path, body in [
        ("GET", f"/api/v1/gear/{item['id']}", None),
        ("GET", f"/api/v1/gear/{item['id']}/file", None),
        ("PATCH", f"/api/v1/gear/{item['id']}", {"name": "stolen"}),
        ("DELETE", f"/api/v1/gear/{item['id']}", None),
    ]:
        answer = await api.request(BOB, method, path, json=body)
        assert answer.status_code == 404, (method, path, answer.text)
    assert (await api.request(BOB, "GET", "/api/v1/gear")).json()["total"] == 0
    assert (await api.request(ALICE, "GET", f"/api/v1/gear/{item['id']}")).json()[
        "name"
    ] != "stolen"


async def test_download_returns_the_owners_file(api: Api) -> None:
    data = wav(0.05, channels=2)
    item = (await api.upload(ALICE, "tiny cab.wav", data)).json()
    answer = await api.request(ALICE, "GET", f"/api/v1/gear/{item['id']}/file")
    assert answer.status_code == 200
    assert answer.content == data
    assert "tiny%20cab.wav" in answer.headers["content-disposition"]


async def test_requests_without_the_gateways_signature_are_401(api: Api) -> None:
    assert (await api.request(None, "GET", "/api/v1/gear")).status_code == 401


async def test_concurrent_uploads_of_one_file_by_one_user_make_one_item(api: Api) -> None:
    data = synthesize_nam("lite", seed=31)
    answers = await asyncio.gather(*(api.upload(ALICE, "same.nam", data) for _ in range(4)))
    assert sorted(a.status_code for a in answers) == [200, 200, 200, 201]
    assert len({a.json()["id"] for a in answers}) == 1
    assert (await api.request(ALICE, "GET", "/api/v1/gear")).json()["total"] == 1
