"""The shapes TONE3000 really sends: ids left out, nulls, A2 behind its filter, 403s."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from tone3000_sandbox.grants import s256

VERIFIER = "r" * 60
CALLBACK = "http://127.0.0.1:1/cb"
CLIENT = "t3k_pub_gts_local"
A2_ONLY_TONE = 51036  # bob's, public, one A2 model
ALICE_PRIVATE_TONE = 51013  # alice's last tone: private
IR_TONE = 51004


async def tokens_of(http, username: str) -> dict[str, str]:
    query = urlencode({
        "client_id": CLIENT, "redirect_uri": CALLBACK, "response_type": "code",
        "code_challenge": s256(VERIFIER), "code_challenge_method": "S256", "state": "s",
    })  # fmt: skip
    answer = await http.post(f"/api/v1/oauth/authorize?{query}", data={"username": username})
    code = parse_qs(urlsplit(answer.headers["location"]).query)["code"][0]
    issued = await http.post("/api/v1/oauth/token", data={
        "grant_type": "authorization_code", "code": code, "code_verifier": VERIFIER,
        "redirect_uri": CALLBACK, "client_id": CLIENT,
    })  # fmt: skip
    body: dict[str, str] = issued.json()
    return body


@pytest.fixture
async def bob(http) -> dict[str, str]:
    """Bearer headers for bob."""
    return {"Authorization": f"Bearer {(await tokens_of(http, 'bob'))['access_token']}"}


async def search(http, headers, **params):
    answer = await http.get("/api/v1/tones/search", params=params, headers=headers)
    assert answer.status_code == 200, answer.text
    return answer.json()


async def test_search_results_carry_makes_and_tags_without_ids(http, bob):
    found = (await search(http, bob, page_size=25))["data"]
    assert all(set(n) == {"name"} for t in found for n in (*t["makes"], *t["tags"]))
    one = (await http.get(f"/api/v1/tones/{found[0]['id']}", headers=bob)).json()
    assert all(set(n) == {"id", "name"} for n in (*one["makes"], *one["tags"]))


async def test_an_ir_tone_has_sizes_null_and_counts_its_irs(http, bob):
    tone = (await http.get(f"/api/v1/tones/{IR_TONE}", headers=bob)).json()
    assert tone["format"] == "ir"
    assert tone["sizes"] is None
    assert (tone["irs_count"], tone["a1_models_count"]) == (2, 0)


async def test_no_tone_carries_the_old_platform_field(http, bob):
    for tone in (await search(http, bob, page_size=25))["data"]:
        assert "platform" not in tone


async def test_a2_models_are_listed_only_for_architecture_2(http, bob):
    plain = await http.get("/api/v1/models", params={"tone_id": A2_ONLY_TONE}, headers=bob)
    assert plain.json()["data"] == []
    a2 = await http.get(
        "/api/v1/models", params={"tone_id": A2_ONLY_TONE, "architecture": "2"}, headers=bob
    )
    assert [m["architecture_version"] for m in a2.json()["data"]] == ["2"]
    one = await http.get(f"/api/v1/models/{a2.json()['data'][0]['id']}", headers=bob)
    assert one.status_code == 200
    assert one.json()["architecture_version"] == "2"
    assert (await http.get("/api/v1/models/1", headers=bob)).status_code == 404


async def test_a_tone_with_only_a2_models_is_found_only_with_architecture_2(http, bob):
    plain = await search(http, bob, query="Two Rock")
    assert plain["data"] == []
    a2 = await search(http, bob, query="Two Rock", architecture="2")
    assert [t["id"] for t in a2["data"]] == [A2_ONLY_TONE]
    with_a1 = await search(http, bob, query="Two Rock", architecture="1")
    assert with_a1["data"] == []


async def test_an_unknown_architecture_or_format_is_refused_naming_it(http, bob):
    for params in ({"architecture": "3"}, {"format": "wav"}):
        answer = await http.get("/api/v1/tones/search", params=params, headers=bob)
        assert answer.status_code == 400
        assert answer.json()["message"].startswith(next(iter(params)))
    models = await http.get(
        "/api/v1/models", params={"tone_id": A2_ONLY_TONE, "architecture": "a2"}, headers=bob
    )
    assert models.status_code == 400


async def test_search_filters_by_format_creators_and_names(http, bob):
    aida = await search(http, bob, format="aida-x")
    assert [t["format"] for t in aida["data"]] == ["aida-x"]
    by_two = await search(http, bob, creators="alice,carol", page_size=25)
    assert {t["user"]["username"] for t in by_two["data"]} == {"alice", "carol"}
    assert by_two["total"] == 20  # their public tones
    metal = await search(http, bob, tags="metal_blues", page_size=25)
    assert metal["total"] > 0
    assert all({"metal", "blues"} & {n["name"] for n in t["tags"]} for t in metal["data"])
    fender = await search(http, bob, makes="Fender")
    assert all(t["makes"][0]["name"] == "Fender" for t in fender["data"])
    # names, not ids: tag 1 is "clean", and ids match nothing
    assert (await search(http, bob, tags="1"))["total"] == 0


async def test_another_users_private_tone_is_403_to_every_call(http, bob):
    private = ALICE_PRIVATE_TONE
    for path in (f"/api/v1/tones/{private}", f"/api/v1/models?tone_id={private}"):
        answer = await http.get(path, headers=bob)
        assert answer.status_code == 403, path
        assert answer.json()["message"].startswith("tone_id")
    alice = {"Authorization": f"Bearer {(await tokens_of(http, 'alice'))['access_token']}"}
    models = await http.get(f"/api/v1/models?tone_id={ALICE_PRIVATE_TONE}", headers=alice)
    assert models.status_code == 200
    first = models.json()["data"][0]
    assert (await http.get(first["model_url"], headers=bob)).status_code == 403
    assert (await http.get(f"/api/v1/models/{first['id']}", headers=bob)).status_code == 403
    assert (await http.get(f"/api/v1/tones/{ALICE_PRIVATE_TONE}", headers=alice)).is_success


async def test_a_revoked_sessions_refresh_token_is_refused_in_the_stores_shape(http):
    issued = await tokens_of(http, "carol")
    await http.post("/_sandbox/revoke", json={"username": "carol"})
    answer = await http.post("/api/v1/oauth/token", data={
        "grant_type": "refresh_token", "refresh_token": issued["refresh_token"],
        "client_id": CLIENT,
    })  # fmt: skip
    assert answer.status_code == 400
    assert answer.json() == {
        "code": 400,
        "error_code": "refresh_token_not_found",
        "msg": "Invalid Refresh Token: Refresh Token Not Found",
    }
