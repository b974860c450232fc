"""Shootouts: what they may hold, paging, and another user's anything is a 404."""

from __future__ import annotations

from typing import Any

from .conftest import ALICE, BOB, Api, wav_bytes
from .flow import ready_shootout


async def test_shootout_inputs_are_checked_naming_the_field(api: Api) -> None:
    made = await ready_shootout(api, ALICE)
    chains = [c["id"] for c in made["chains"]]
    bob_di = (await api.upload_di(BOB, "b.wav", wav_bytes(1.0, freq=220))).json()
    cases = [
        ({"di_ids": [bob_di["id"]], "chain_ids": chains}, "di_ids[0]", "not_found"),
        (
            {"di_ids": [made["di"]["id"]], "chain_ids": [chains[0], chains[0]]},
            "chain_ids[1]",
            "duplicate",
        ),
    ]
    for body, field, code in cases:
        answer = await api.request(ALICE, "POST", "/api/v1/shootouts", json={"name": "x", **body})
        assert answer.status_code == 422, answer.text
        assert (answer.json()["errors"][0]["field"], answer.json()["errors"][0]["code"]) == (
            field,
            code,
        )
    one_chain = await api.request(
        ALICE,
        "POST",
        "/api/v1/shootouts",
        json={"name": "x", "di_ids": [made["di"]["id"]], "chain_ids": chains[:1]},
    )
    assert one_chain.status_code == 400
    assert "chain_ids" in one_chain.json()["detail"]
    bad_visibility = await api.request(
        ALICE,
        "PATCH",
        f"/api/v1/shootouts/{made['shootout']['id']}",
        json={"visibility": "secret"},
    )
    assert bad_visibility.status_code == 400
    assert "visibility" in bad_visibility.json()["detail"]


async def test_lists_page(api: Api) -> None:
    for i in range(3):
        await api.upload_di(ALICE, f"{i}.wav", wav_bytes(1.0, freq=100 + i * 50))
    first = (await api.request(ALICE, "GET", "/api/v1/di-tracks", params={"limit": 2})).json()
    second = (
        await api.request(ALICE, "GET", "/api/v1/di-tracks", params={"limit": 2, "offset": 2})
    ).json()
    assert (first["total"], len(first["items"]), len(second["items"])) == (3, 2, 1)
    assert {i["id"] for i in first["items"]}.isdisjoint({i["id"] for i in second["items"]})
    too_many = await api.request(ALICE, "GET", "/api/v1/di-tracks", params={"limit": 1000})
    assert too_many.status_code == 400


async def test_shootout_pages_count_order_and_carry_each_latest_job(api: Api) -> None:
    made = await ready_shootout(api, ALICE)
    body = {"di_ids": [made["di"]["id"]], "chain_ids": [c["id"] for c in made["chains"]]}
    ids = [made["shootout"]["id"]]
    for name in ("second", "third"):
        answer = await api.request(ALICE, "POST", "/api/v1/shootouts", json={"name": name, **body})
        ids.append(answer.json()["id"])
    job = (await api.request(ALICE, "POST", f"/api/v1/shootouts/{ids[1]}/render")).json()

    async def page(offset: int) -> dict[str, Any]:
        params = {"limit": 2, "offset": offset}
        answer = await api.request(ALICE, "GET", "/api/v1/shootouts", params=params)
        assert answer.status_code == 200, answer.text
        result: dict[str, Any] = answer.json()
        return result

    first, second, past_the_end = await page(0), await page(2), await page(5)
    assert [s["id"] for s in first["items"] + second["items"]] == ids[::-1]  # newest first
    assert (first["total"], second["total"], past_the_end["total"]) == (3, 3, 3)
    assert past_the_end["items"] == []
    latest = {s["id"]: s["latest_job"] for s in first["items"] + second["items"]}
    assert latest[ids[1]]["id"] == job["job_id"]
    assert latest[ids[0]] is None
    assert latest[ids[2]] is None
    assert first["items"][0]["chain_ids"] == body["chain_ids"]


async def test_user_b_gets_404_for_everything_of_user_a(api: Api) -> None:
    made = await ready_shootout(api, ALICE)
    shootout = f"/api/v1/shootouts/{made['shootout']['id']}"
    job = (await api.request(ALICE, "POST", f"{shootout}/render")).json()
    group = await api.request(
        ALICE,
        "POST",
        "/api/v1/chain-groups",
        json={"name": "g", "blocks": [{"type": "slot", "name": "rig", "options": [None]}]},
    )
    assert group.status_code == 201, group.text
    probes = [
        ("GET", shootout),
        ("PATCH", shootout),
        ("DELETE", shootout),
        ("POST", f"{shootout}/render"),
        ("GET", f"{shootout}/jobs"),
        ("GET", f"/api/v1/jobs/{job['job_id']}"),
        ("POST", f"/api/v1/jobs/{job['job_id']}/cancel"),
        ("GET", f"/api/v1/chain-groups/{group.json()['id']}"),
        ("POST", f"/api/v1/chain-groups/{group.json()['id']}/generate"),
        ("DELETE", f"/api/v1/chain-groups/{group.json()['id']}"),
        ("GET", f"/api/v1/signal-chains/{made['chains'][0]['id']}"),
        ("GET", f"/api/v1/di-tracks/{made['di']['id']}/audio"),
        ("GET", f"/api/v1/public/shootouts/{made['shootout']['id']}"),
    ]
    for method, path in probes:
        kwargs = {"json": {"name": "mine"}} if method == "PATCH" else {}
        answer = await api.request(BOB, method, path, **kwargs)
        assert answer.status_code == 404, (method, path, answer.status_code)
    for path in ("/api/v1/shootouts", "/api/v1/jobs", "/api/v1/signal-chains", "/api/v1/di-tracks"):
        assert (await api.request(BOB, "GET", path)).json()["total"] == 0
    # A's things are all still there
    assert (await api.request(ALICE, "GET", shootout)).json()["latest_job"]["status"] == "queued"


async def test_pages_follow_every_change_of_a_shootout_and_of_its_jobs(api: Api) -> None:
    # views are remembered by row versions: each change must show on the next read
    made = await ready_shootout(api, ALICE)
    path = f"/api/v1/shootouts/{made['shootout']['id']}"

    async def listed() -> dict[str, Any]:
        page = (await api.request(ALICE, "GET", "/api/v1/shootouts")).json()
        item: dict[str, Any] = page["items"][0]
        assert item == (await api.request(ALICE, "GET", path)).json()  # one view, two routes
        return item

    assert (await listed())["latest_job"] is None
    await api.request(ALICE, "PATCH", path, json={"name": "renamed"})
    assert (await listed())["name"] == "renamed"
    job = (await api.request(ALICE, "POST", f"{path}/render")).json()
    latest = (await listed())["latest_job"]
    assert (latest["id"], latest["cancel_requested"]) == (job["job_id"], False)
    await api.request(ALICE, "POST", f"/api/v1/jobs/{job['job_id']}/cancel")
    latest = (await listed())["latest_job"]
    assert (latest["status"], latest["cancel_requested"]) == ("cancelled", True)  # was queued
