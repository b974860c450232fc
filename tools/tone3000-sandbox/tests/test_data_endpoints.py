"""Data endpoints: envelopes, caps, search, the 429 switch and revoking."""

from __future__ import annotations

from email.utils import parsedate_to_datetime
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from tone3000_sandbox.grants import s256

VERIFIER = "q" * 50


@pytest.fixture
async def bearer(http) -> dict[str, str]:
    """Headers with a fresh access token for alice."""
    callback = "http://127.0.0.1:1/cb"
    query = urlencode({
        "client_id": "t3k_pub_gts_local", "redirect_uri": callback, "response_type": "code",
        "code_challenge": s256(VERIFIER), "code_challenge_method": "S256", "state": "s1",
    })  # fmt: skip
    answer = await http.post(f"/api/v1/oauth/authorize?{query}", data={"username": "alice"})
    code = parse_qs(urlsplit(answer.headers["location"]).query)["code"][0]
    tokens = await http.post("/api/v1/oauth/token", data={
        "grant_type": "authorization_code", "code": code, "code_verifier": VERIFIER,
        "redirect_uri": callback, "client_id": "t3k_pub_gts_local",
    })  # fmt: skip
    return {"Authorization": f"Bearer {tokens.json()['access_token']}"}


async def test_tones_carry_the_documented_shape(http, bearer):
    page = (await http.get("/api/v1/tones/created", headers=bearer)).json()
    assert set(page) == {"data", "page", "page_size", "total", "total_pages"}
    tone = page["data"][0]
    for field in ("id", "user_id", "user", "created_at", "updated_at", "title", "description",
                  "gear", "images", "is_public", "links", "format", "license",
                  "sizes", "makes", "tags", "url", "models_count", "a1_models_count",
                  "a2_models_count", "custom_models_count", "irs_count", "downloads_count",
                  "favorites_count"):  # fmt: skip
        assert field in tone, field
    assert "platform" not in tone  # renamed `format`; TONE3000 no longer sends it
    assert set(tone["user"]) == {
        "id", "username", "display_name", "is_verified", "avatar_url", "url"
    }  # fmt: skip
    assert set(tone["makes"][0]) == {"id", "name"}


async def test_search_lists_only_public_tones_and_caps_at_25(http, bearer):
    seen = []
    for page in (1, 2):
        params = {"page": page, "page_size": 50}
        body = (await http.get("/api/v1/tones/search", params=params, headers=bearer)).json()
        assert body["page_size"] == 25
        seen += body["data"]
    # 36 public tones, less the one whose only models are A2
    assert len(seen) == 35
    assert all(t["is_public"] for t in seen)


async def test_search_rejects_an_unknown_sort_naming_the_field(http, bearer):
    answer = await http.get("/api/v1/tones/search", params={"sort": "random"}, headers=bearer)
    assert answer.status_code == 400
    assert answer.json()["message"].startswith("sort: 'random'")


async def test_a_deprecated_gear_filter_is_accepted_with_a_notice(http, bearer):
    answer = await http.get("/api/v1/tones/search", params={"gears": "full-rig_ir"},
                            headers=bearer)  # fmt: skip
    assert answer.status_code == 200
    notice = answer.headers["x-tone3000-deprecations"]
    assert "full-rig" in notice
    assert "ir" in notice
    assert {t["gear"] for t in answer.json()["data"]} <= {"amp-cab", "cab"}


async def test_an_a1_model_downloads_with_its_length(http, bearer):
    models = (await http.get("/api/v1/models", params={"tone_id": 51000}, headers=bearer)).json()
    url = models["data"][0]["model_url"]
    assert url.startswith(str(http.base_url).rstrip("/") + "/api/v1/models/")
    answer = await http.get(url, headers=bearer)
    assert answer.status_code == 200
    assert int(answer.headers["content-length"]) == len(answer.content) > 100_000
    assert (await http.get(url)).status_code == 401


async def test_the_throttle_answers_429_for_the_next_n_requests(http, bearer):
    await http.post("/_sandbox/throttle", json={"count": 2, "retry_after": 3})
    for _ in range(2):
        refused = await http.get("/api/v1/user", headers=bearer)
        assert refused.status_code == 429
        assert refused.headers["retry-after"] == "3"
    assert (await http.get("/api/v1/user", headers=bearer)).status_code == 200


async def test_the_throttle_can_send_an_http_date(http, bearer, wall):
    switch = {"count": 1, "retry_after": 30, "as_http_date": True}
    await http.post("/_sandbox/throttle", json=switch)
    refused = await http.get("/api/v1/user", headers=bearer)
    when = parsedate_to_datetime(refused.headers["retry-after"])
    assert when.timestamp() == pytest.approx(wall.t + 30, abs=1)


async def test_revoking_access_only_keeps_the_refresh_token(http, bearer):
    answer = await http.post("/_sandbox/revoke", json={"username": "alice", "access_only": True})
    assert answer.json()["revoked"] >= 1
    assert (await http.get("/api/v1/user", headers=bearer)).status_code == 401
    unknown = await http.post("/_sandbox/revoke", json={"username": "mallory"})
    assert unknown.status_code == 404
