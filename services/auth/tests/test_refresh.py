"""Refresh tokens: rotated on every use; a reused one ends its whole family."""

from __future__ import annotations

import asyncio
import uuid

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from auth.domain.sessions import Rotated, rotate

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


async def test_two_tabs_refreshing_with_one_cookie_at_once_both_stay_signed_in(
    auth: Harness,
) -> None:
    client = auth.browser()
    user_id = await auth.sign_in(client)
    shared = client.cookies["gts_refresh"]
    first = await client.post("/auth/refresh", cookies={"gts_refresh": shared})
    assert first.status_code == 200, first.text
    successor = client.cookies["gts_refresh"]
    late = await client.post("/auth/refresh", cookies={"gts_refresh": shared})
    assert late.status_code == 200, late.text
    assert late.json()["expires_in"] == auth.settings.access_token_ttl_seconds
    assert user_of(late.json()["access_token"]) == user_id
    set_cookies = " ".join(late.headers.get_list("set-cookie"))
    assert "gts_access=" in set_cookies
    assert "gts_csrf=" in set_cookies
    assert "gts_refresh=" not in set_cookies  # the browser already holds the successor
    assert client.cookies["gts_refresh"] == successor
    again = await client.post("/auth/refresh")
    assert again.status_code == 200, again.text
    assert await _live_refresh_tokens(auth) == 1
    async with auth.engine.connect() as conn:
        revoked = await conn.scalar(text("SELECT revoked_at FROM auth.refresh_families"))
    assert revoked is None


async def _refreshed_as_an_app(auth: Harness) -> tuple[httpx.AsyncClient, uuid.UUID, str, str]:
    """A client signed in, then refreshed once as an app does (the token in the body, no
    cookies): the client, its user, the token it used and the successor it got."""
    client = auth.browser()
    user_id = await auth.sign_in(client)
    old = client.cookies["gts_refresh"]
    client.cookies.clear()
    first = await client.post("/auth/refresh", json={"refresh_token": old})
    assert first.status_code == 200, first.text
    successor = first.json()["refresh_token"]
    assert successor
    return client, user_id, old, successor


async def test_a_token_replayed_inside_the_grace_window_never_mints_a_second_refresh_token(
    auth: Harness,
) -> None:
    client, user_id, old, successor = await _refreshed_as_an_app(auth)
    for _ in range(2):  # however often it comes back within the window
        replay = await client.post("/auth/refresh", json={"refresh_token": old})
        assert replay.status_code == 200, replay.text
        assert replay.json().get("refresh_token") is None
        assert user_of(replay.json()["access_token"]) == user_id
        assert replay.json()["expires_in"] == auth.settings.access_token_ttl_seconds
        assert "gts_refresh" not in client.cookies
        assert await _live_refresh_tokens(auth) == 1
    onward = await client.post("/auth/refresh", json={"refresh_token": successor})
    assert onward.status_code == 200, onward.text
    assert onward.json()["refresh_token"] not in (old, successor)
    assert await _live_refresh_tokens(auth) == 1


async def test_a_replay_after_the_grace_window_ends_the_family_even_after_a_grace_replay(
    auth: Harness,
) -> None:
    client, _, old, successor = await _refreshed_as_an_app(auth)
    in_grace = await client.post("/auth/refresh", json={"refresh_token": old})
    assert in_grace.status_code == 200, in_grace.text
    assert in_grace.json().get("refresh_token") is None
    await _rotated_a_minute_ago(auth)
    late = await client.post("/auth/refresh", json={"refresh_token": old})
    assert late.status_code == 401
    assert "already used" in late.json()["detail"]
    dead = await client.post("/auth/refresh", json={"refresh_token": successor})
    assert dead.status_code == 401
    assert await _live_refresh_tokens(auth) == 0


async def test_two_rotations_of_one_token_at_the_same_moment_mint_one_successor(
    auth: Harness,
) -> None:
    client = auth.browser()
    await auth.sign_in(client)
    shared = client.cookies["gts_refresh"]
    ttl = auth.settings.refresh_token_ttl_seconds
    async with AsyncSession(auth.engine) as first, AsyncSession(auth.engine) as second:
        async with first.begin():
            won = await rotate(first, shared, ttl)
            # the second tab's rotation reads the token now and waits for the first's lock
            racing = asyncio.create_task(_rotate_in(second, shared, ttl))
            await asyncio.sleep(0.5)
            assert not racing.done()
        lost = await racing
    assert won.refresh_token is not None
    assert lost.refresh_token is None
    assert lost.user_id == won.user_id
    assert await _live_refresh_tokens(auth) == 1


async def _rotate_in(session: AsyncSession, token: str, ttl: int) -> Rotated:
    async with session.begin():
        return await rotate(session, token, ttl)


async def _live_refresh_tokens(auth: Harness) -> int:
    """Unspent, unexpired refresh tokens of families nobody ended."""
    async with auth.engine.connect() as conn:
        count = await conn.scalar(
            text(
                "SELECT count(*) FROM auth.refresh_tokens t"
                " JOIN auth.refresh_families f ON f.id = t.family_id"
                " WHERE t.used_at IS NULL AND t.expires_at > now() AND f.revoked_at IS NULL"
            )
        )
    return int(count or 0)


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
