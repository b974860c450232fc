"""Refresh tokens: rotated on every use; a reused one ends its whole family."""

from __future__ import annotations

from sqlalchemy import text

from .harness import Harness, user_of


async def test_refresh_rotates_the_refresh_token_and_issues_a_new_access_token(
    auth: Harness,
) -> None:
    client = auth.browser()
    user_id = await auth.sign_in(client)
    old_refresh, old_access = client.cookies["gts_refresh"], client.cookies["gts_access"]
    response = await client.post("/auth/refresh")
    assert response.status_code == 200, response.text
    assert "refresh_token" not in response.json()  # browsers keep it in the HttpOnly cookie
    assert client.cookies["gts_refresh"] != old_refresh
    assert client.cookies["gts_access"] != old_access
    assert user_of(response.json()["access_token"]) == user_id
    assert response.json()["expires_in"] == auth.settings.access_token_ttl_seconds


async def test_replaying_a_rotated_refresh_token_revokes_the_family(auth: Harness) -> None:
    client = auth.browser()
    await auth.sign_in(client)
    first = client.cookies["gts_refresh"]
    assert (await client.post("/auth/refresh")).status_code == 200
    newest = client.cookies["gts_refresh"]
    await _rotated_a_minute_ago(auth)  # past the grace for racing tabs
    replay = await client.post("/auth/refresh", cookies={"gts_refresh": first})
    assert replay.status_code == 401
    assert "already used" in replay.json()["detail"]
    client.cookies.set("gts_refresh", newest, path="/auth")
    after = await client.post("/auth/refresh", json={"refresh_token": newest})
    assert after.status_code == 401
    async with auth.engine.connect() as conn:
        reason = await conn.scalar(text("SELECT revoked_reason FROM auth.refresh_families"))
    assert reason == "refresh token reused"


async def test_two_tabs_refreshing_with_one_token_at_once_both_stay_signed_in(
    auth: Harness,
) -> None:
    client = auth.browser()
    user_id = await auth.sign_in(client)
    shared = client.cookies["gts_refresh"]
    client.cookies.clear()  # the token goes in the body, so each answer carries its successor
    tabs = [await client.post("/auth/refresh", json={"refresh_token": shared}) for _ in range(2)]
    assert [tab.status_code for tab in tabs] == [200, 200]
    successors = {tab.json()["refresh_token"] for tab in tabs}
    assert len(successors) == 2
    for successor in successors:  # each tab goes on refreshing with its own token
        again = await client.post("/auth/refresh", json={"refresh_token": successor})
        assert again.status_code == 200, again.text
        assert user_of(again.json()["access_token"]) == user_id
    async with auth.engine.connect() as conn:
        revoked = await conn.scalar(text("SELECT revoked_at FROM auth.refresh_families"))
    assert revoked is None


async def _rotated_a_minute_ago(auth: Harness) -> None:
    async with auth.engine.begin() as conn:
        await conn.execute(
            text("UPDATE auth.refresh_tokens SET used_at = used_at - interval '1 minute'")
        )


async def test_api_clients_refresh_with_the_token_in_the_body(auth: Harness) -> None:
    client = auth.browser()
    await auth.sign_in(client)
    token = client.cookies["gts_refresh"]
    client.cookies.clear()
    response = await client.post("/auth/refresh", json={"refresh_token": token})
    assert response.status_code == 200
    rotated = response.json()["refresh_token"]
    assert rotated != token
    again = await client.post("/auth/refresh", json={"refresh_token": rotated})
    assert again.status_code == 200


async def test_unknown_or_missing_refresh_token_is_401(auth: Harness) -> None:
    client = auth.browser()
    assert (await client.post("/auth/refresh")).status_code == 401
    unknown = await client.post("/auth/refresh", json={"refresh_token": "nope"})
    assert unknown.status_code == 401
    assert unknown.headers["content-type"] == "application/problem+json"


async def test_logout_ends_the_session(auth: Harness) -> None:
    client = auth.browser()
    await auth.sign_in(client)
    token = client.cookies["gts_refresh"]
    out = await client.post("/auth/logout")
    assert out.status_code == 204
    assert "gts_access" not in client.cookies
    again = await client.post("/auth/refresh", json={"refresh_token": token})
    assert again.status_code == 401
    assert "ended" in again.json()["detail"]


async def test_me_needs_the_gateway_signature(auth: Harness) -> None:
    client = auth.browser()
    user_id = await auth.sign_in(client)
    forged = auth.vouched(user_id, "GET", "/auth/me") | {"x-gts-user-sig": "0" * 64}
    assert (await client.get("/auth/me", headers=forged)).status_code == 401
    assert (await client.get("/auth/me")).status_code == 401
    path = "/api/v1/me"
    me = await client.get(path, headers=auth.vouched(user_id, "GET", path))
    assert me.json()["username"] == "alice"
