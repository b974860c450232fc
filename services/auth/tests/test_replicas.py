"""Two auth replicas refreshing the same user's grant at once: the row lock lets one through."""

from __future__ import annotations

import asyncio

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import async_sessionmaker

from auth.domain.token_keeper import TokenKeeper
from auth.keys.grant_cipher import GrantCipher
from gts_tone3000 import Tone3000Client, Tone3000Config

from .harness import ENCRYPTION_KEY, Harness
from .test_token_reply import expire_grant


async def test_concurrent_refresh_in_two_replicas_spends_the_refresh_token_once(
    auth: Harness,
) -> None:
    user_id = await auth.sign_in(auth.browser())
    await expire_grant(auth)
    config = Tone3000Config(client_id="t3k_pub_gts_local", base_url=auth.sandbox.api_url)
    cipher = GrantCipher({"k1": ENCRYPTION_KEY})
    async with httpx.AsyncClient() as one, httpx.AsyncClient() as two:
        replicas = [
            TokenKeeper(async_sessionmaker(auth.engine), cipher, Tone3000Client(http, config))
            for http in (one, two)
        ]
        tokens = await asyncio.gather(*(r.valid_token(user_id) for r in replicas for _ in "ab"))
    # TONE3000 kills a refresh token on use: a second refresh would have failed outright
    assert len({t.access_token for t in tokens}) == 1
    async with auth.engine.connect() as conn:
        revoked = await conn.scalar(text("SELECT revoked_at FROM auth.tone3000_grants"))
    assert revoked is None
