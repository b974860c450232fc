"""Sign-in with TONE3000: the happy path, and every way a callback is refused cleanly."""

from __future__ import annotations

import time

import httpx
import pytest
from sqlalchemy import text

from gts_contracts import UserRegisteredV1, decode
from gts_kit.testing.waiting import eventually

from .harness import Harness, user_of


async def test_sign_in_creates_the_user_and_a_session(auth: Harness) -> None:
    client = auth.browser()
    url, query = await auth.start_login(client)
    assert url.startswith(auth.sandbox.api_url + "/oauth/authorize?")
    assert query["code_challenge_method"] == "S256"
    assert query["redirect_uri"] == "http://127.0.0.1:8765/auth/callback"
    back = await client.get(await auth.approve(url, "alice"))
    assert back.status_code == 302
    assert back.headers["location"] == "/after"
    assert {"gts_access", "gts_refresh", "gts_csrf"} <= set(client.cookies.keys())
    user_id = user_of(client.cookies["gts_access"])
    path = "/auth/me"
    me = await client.get(path, headers=auth.vouched(user_id, "GET", path))
    assert me.status_code == 200
    assert me.json()["username"] == "alice"
    assert me.json()["id"] == str(user_id)
    async with auth.engine.connect() as conn:
        rows = (
            await conn.execute(text("SELECT subject, payload FROM auth.outbox ORDER BY created_at"))
        ).all()
    assert [r.subject for r in rows] == ["auth.user.registered.v1"]
    event = decode(rows[0].payload, UserRegisteredV1)
    assert (event.user_id, event.username) == (user_id, "alice")

    async def relayed() -> bool:
        async with auth.engine.connect() as conn:
            left = await conn.scalar(
                text("SELECT count(*) FROM auth.outbox WHERE published_at IS NULL")
            )
        return left == 0

    assert await eventually(relayed)
    stream = await auth.nc.jetstream().stream_info("AUTH")
    assert stream.state.messages == 1


async def test_second_sign_in_of_the_same_account_reuses_the_user(auth: Harness) -> None:
    first = await auth.sign_in(auth.browser(), "bob")
    second = await auth.sign_in(auth.browser(), "bob")
    assert first == second
    async with auth.engine.connect() as conn:
        users = await conn.scalar(text("SELECT count(*) FROM auth.users"))
        registered = await conn.scalar(
            text("SELECT count(*) FROM auth.outbox WHERE subject = 'auth.user.registered.v1'")
        )
    assert (users, registered) == (1, 1)


async def test_tone3000_tokens_are_not_stored_in_plaintext(auth: Harness) -> None:
    user_id = await auth.sign_in(auth.browser())
    reply = await auth.ask_token(user_id)
    token = reply.result.access_token  # type: ignore[union-attr]
    async with auth.engine.connect() as conn:
        row = (
            await conn.execute(
                text("SELECT key_id, nonce, ciphertext FROM auth.tone3000_grants"),
            )
        ).one()
        dump = await conn.scalar(text("SELECT string_agg(t::text, '') FROM auth.tone3000_grants t"))
    assert row.key_id == "k1"
    assert len(row.nonce) == 12
    assert token.encode() not in bytes(row.ciphertext)
    assert token not in dump


async def test_replayed_state_is_refused_with_a_page(auth: Harness) -> None:
    client = auth.browser()
    url, _ = await auth.start_login(client)
    back = await auth.approve(url)
    assert (await client.get(back)).status_code == 302
    again = await client.get(back)
    assert again.status_code == 400
    assert "already used" in again.text
    assert again.headers["content-type"].startswith("text/html")


async def test_missing_state_is_refused_with_a_page(auth: Harness) -> None:
    response = await auth.browser().get("/auth/callback", params={"code": "whatever"})
    assert response.status_code == 400
    assert "no state" in response.text


async def test_state_from_another_browser_is_refused(auth: Harness) -> None:
    client = auth.browser()
    url, _ = await auth.start_login(client)
    back = await auth.approve(url)
    binding = client.cookies["gts_login"]
    client.cookies.delete("gts_login", path="/auth/callback")  # another browser has no binding
    response = await client.get(back)
    assert response.status_code == 400
    assert "another browser" in response.text
    assert "gts_access" not in client.cookies
    # the state was presented once: it is spent even for the browser that started it
    client.cookies.set("gts_login", binding, path="/auth/callback")
    assert (await client.get(back)).status_code == 400


async def test_a_code_used_twice_is_refused(auth: Harness) -> None:
    client = auth.browser()
    url, _ = await auth.start_login(client)
    back = await auth.approve(url)
    assert (await client.get(back)).status_code == 302
    used_code = httpx.URL(back).params["code"]
    _, fresh = await auth.start_login(client)
    response = await client.get(
        "/auth/callback", params={"code": used_code, "state": fresh["state"]}
    )
    assert response.status_code == 400
    assert "already used or has expired" in response.text


async def test_cancel_at_tone3000_ends_on_a_friendly_page(auth: Harness) -> None:
    client = auth.browser()
    url, _ = await auth.start_login(client)
    async with httpx.AsyncClient() as t3k:
        answer = await t3k.post(url, data={"action": "cancel"})
    target = httpx.URL(answer.headers["location"])
    response = await client.get(f"{target.path}?{target.query.decode()}")
    assert response.status_code == 200
    assert "canceled" in response.text
    assert "gts_access" not in client.cookies


@pytest.mark.parametrize("return_to", ["//evil.example/x", "https://evil.example/", "evil"])
async def test_return_to_must_be_a_path_of_this_site(auth: Harness, return_to: str) -> None:
    response = await auth.browser().get("/auth/login", params={"return_to": return_to})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "return_to"


async def test_tone3000_429_is_ridden_out_during_sign_in(auth: Harness) -> None:
    client = auth.browser()
    url, _ = await auth.start_login(client)
    back = await auth.approve(url, "carol")
    async with httpx.AsyncClient() as admin:
        throttled = await admin.post(
            auth.sandbox.url + "/_sandbox/throttle", json={"count": 2, "retry_after": 1}
        )
        assert throttled.status_code in (200, 201)
        started = time.monotonic()
        response = await client.get(back)
        waited = time.monotonic() - started
    assert response.status_code == 302, response.text
    # two 429s with Retry-After: 1 were honoured, not surfaced
    assert waited >= 2.0
    user_id = user_of(client.cookies["gts_access"])
    path = "/auth/me"
    me = await client.get(path, headers=auth.vouched(user_id, "GET", path))
    assert me.json()["username"] == "carol"
