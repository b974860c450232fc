"""`auth.tone3000.token.get.v1`: a valid token, a refreshed one, or a typed error."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy import text

from gts_contracts import Tone3000Token, Tone3000TokenError

from .harness import Harness


async def expire_grant(auth: Harness) -> None:
    async with auth.engine.begin() as conn:
        await conn.execute(
            text("UPDATE auth.tone3000_grants SET expires_at = :t"),
            {"t": datetime.now(UTC) + timedelta(seconds=5)},
        )


async def test_a_signed_in_user_gets_a_token_that_works_at_tone3000(auth: Harness) -> None:
    user_id = await auth.sign_in(auth.browser())
    reply = await auth.ask_token(user_id)
    assert isinstance(reply.result, Tone3000Token)
    assert reply.result.expires_at > datetime.now(UTC) + timedelta(minutes=50)
    async with httpx.AsyncClient() as t3k:
        me = await t3k.get(
            auth.sandbox.api_url + "/user",
            headers={"Authorization": f"Bearer {reply.result.access_token}"},
        )
    assert me.json()["username"] == "alice"


async def test_a_token_about_to_expire_is_refreshed_once_for_concurrent_askers(
    auth: Harness,
) -> None:
    user_id = await auth.sign_in(auth.browser())
    first = await auth.ask_token(user_id)
    assert isinstance(first.result, Tone3000Token)
    await expire_grant(auth)
    replies = await asyncio.gather(*(auth.ask_token(user_id) for _ in range(5)))
    tokens = {r.result.access_token for r in replies if isinstance(r.result, Tone3000Token)}
    assert len(tokens) == 1  # single flight: one refresh, every asker got its result
    assert tokens != {first.result.access_token}
    # the rotated refresh token was stored: a second refresh works too
    await expire_grant(auth)
    again = await auth.ask_token(user_id)
    assert isinstance(again.result, Tone3000Token)
    assert again.result.access_token not in tokens


async def grant_revoked_at(auth: Harness) -> datetime | None:
    async with auth.engine.connect() as conn:
        revoked: datetime | None = await conn.scalar(
            text("SELECT revoked_at FROM auth.tone3000_grants")
        )
    return revoked


async def test_a_revoked_grant_answers_reauth_required(auth: Harness) -> None:
    # TONE3000 refuses a revoked session's refresh token as {code, error_code, msg}
    user_id = await auth.sign_in(auth.browser())
    async with httpx.AsyncClient() as admin:
        revoked = await admin.post(
            auth.sandbox.url + "/_sandbox/revoke", json={"username": "alice"}
        )
    assert revoked.status_code in (200, 201)
    await expire_grant(auth)
    reply = await auth.ask_token(user_id)
    assert isinstance(reply.result, Tone3000TokenError)
    assert reply.result.code == "reauth_required"
    assert await grant_revoked_at(auth) is not None
    # and it stays that way without calling TONE3000 again
    assert (await auth.ask_token(user_id)).result.code == "reauth_required"  # type: ignore[union-attr]


async def test_a_refresh_token_refused_as_invalid_grant_answers_reauth_required(
    auth: Harness,
) -> None:
    user_id = await auth.sign_in(auth.browser())
    async with httpx.AsyncClient() as admin:
        # the stand-in forgets every token: the stored refresh token is unknown there
        assert (await admin.post(auth.sandbox.url + "/_sandbox/reset")).status_code in (200, 201)
    await expire_grant(auth)
    reply = await auth.ask_token(user_id)
    assert isinstance(reply.result, Tone3000TokenError)
    assert reply.result.code == "reauth_required"
    assert await grant_revoked_at(auth) is not None


async def test_unknown_user_and_garbage_get_typed_errors(auth: Harness) -> None:
    unknown = await auth.ask_token(uuid.uuid4())
    assert isinstance(unknown.result, Tone3000TokenError)
    assert unknown.result.code == "unknown_user"
    garbage = await auth.ask_token(b"{not json")
    assert isinstance(garbage.result, Tone3000TokenError)
    assert garbage.result.code == "unknown_user"
