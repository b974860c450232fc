"""Catalog tests: the service on real PostgreSQL and NATS, TONE3000 played by the stand-in,
and a token responder that stands in for auth's (it speaks the real contract)."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import nats
import pytest
from litestar.testing import AsyncTestClient
from nats.aio.msg import Msg

from catalog.app import create_app
from catalog.config import Settings
from catalog.db.models import MIGRATIONS_DIR, SCHEMA
from gts_contracts import decode, encode, spec_for
from gts_contracts.auth import (
    GetTone3000TokenV1,
    Tone3000Token,
    Tone3000TokenError,
    Tone3000TokenReplyV1,
)
from gts_kit.db.migrations import migrate
from gts_kit.testing.identity import SignedClient
from gts_tone3000 import Tone3000Client, Tone3000Config, new_pkce_pair
from tone3000_sandbox import DEFAULT_CLIENT_ID, RunningSandbox, SandboxSettings, run_sandbox

from .threads import on_own_thread

SECRET = "catalog-test-secret"
REDIRECT_URI = "http://127.0.0.1:8765/auth/tone3000/callback"
ALICE = uuid.UUID("00000000-0000-4000-8000-00000000a11c")
BOB = uuid.UUID("00000000-0000-4000-8000-000000000b0b")
CAROL = uuid.UUID("00000000-0000-4000-8000-0000000ca201")


class Api(SignedClient):
    """The catalog as the gateway calls it: each request signed for one user."""

    def __init__(self, client: AsyncTestClient[Any]) -> None:
        super().__init__(client, SECRET)

    async def upload(
        self, user: uuid.UUID, filename: str, data: bytes, **fields: str
    ) -> httpx.Response:
        return await self.post_file(user, "/api/v1/gear", filename, data, **fields)

    async def import_models(
        self, user: uuid.UUID, tone_id: int, model_ids: list[int], **fields: Any
    ) -> httpx.Response:
        """Import models of a TONE3000 tone (`fields`: the request's other members)."""
        body = {"tone_id": tone_id, "model_ids": model_ids, **fields}
        return await self.request(user, "POST", "/api/v1/gear/import", json=body)


@dataclass
class TokenResponder:
    """Answers `auth.tone3000.token.get.v1` like auth does: signs the user in on the stand-in.

    `users` maps GTS user ids to stand-in usernames; ids in `reauth` get `reauth_required`.
    """

    sandbox: RunningSandbox
    users: dict[uuid.UUID, str] = field(default_factory=dict)
    reauth: set[uuid.UUID] = field(default_factory=set)
    requests: int = 0

    async def token_for(self, username: str) -> str:
        async with httpx.AsyncClient() as http:
            client = Tone3000Client(
                http, Tone3000Config(client_id=DEFAULT_CLIENT_ID, base_url=self.sandbox.api_url)
            )
            verifier, challenge = new_pkce_pair()
            url = client.authorize_url(REDIRECT_URI, "st", challenge)
            answer = await http.post(url, data={"username": username, "action": "approve"})
            code = parse_qs(urlsplit(answer.headers["location"]).query)["code"][0]
            tokens = await client.exchange_code(code, verifier, REDIRECT_URI)
        return tokens.access_token

    async def handle(self, msg: Msg) -> None:
        await self._handle(msg)

    async def _handle(self, msg: Msg) -> None:
        self.requests += 1
        request = decode(msg.data, GetTone3000TokenV1)
        result: Tone3000Token | Tone3000TokenError
        if request.user_id in self.reauth:
            result = Tone3000TokenError(code="reauth_required", message="refresh token revoked")
        elif request.user_id not in self.users:
            result = Tone3000TokenError(code="unknown_user", message="no TONE3000 link")
        else:
            token = await self.token_for(self.users[request.user_id])
            result = Tone3000Token(
                access_token=token, expires_at=datetime.now(UTC) + timedelta(minutes=10)
            )
        await msg.respond(encode(Tone3000TokenReplyV1(result=result)))


@pytest.fixture(scope="session")
def sandbox() -> Iterator[RunningSandbox]:
    with on_own_thread(lambda: run_sandbox(SandboxSettings())) as running:
        yield running


@pytest.fixture
async def catalog_db(clean_state: None, database_url: str) -> str:
    """A migrated catalog schema."""
    await asyncio.to_thread(migrate, MIGRATIONS_DIR, database_url, SCHEMA)
    return database_url


@contextlib.asynccontextmanager
async def _subscribed(nats_url: str, responder: TokenResponder) -> AsyncIterator[TokenResponder]:
    nc = await nats.connect(nats_url)
    try:
        await nc.subscribe(spec_for(GetTone3000TokenV1).subject, cb=responder.handle)
        await nc.flush()
        yield responder
    finally:
        await nc.close()


@pytest.fixture
async def tokens(nats_url: str, sandbox: RunningSandbox) -> AsyncIterator[TokenResponder]:
    """The stand-in for auth's responder, on its own thread (see `threads`)."""
    async with httpx.AsyncClient() as http:
        await http.post(f"{sandbox.url}/_sandbox/reset")
    responder = TokenResponder(sandbox, {ALICE: "alice", BOB: "bob", CAROL: "carol"})
    with on_own_thread(lambda: _subscribed(nats_url, responder)):
        yield responder


def settings_for(
    database_url: str, nats_url: str, sandbox: RunningSandbox, **extra: Any
) -> Settings:
    return Settings(
        database_url=database_url,
        nats_url=nats_url,
        internal_secret=SECRET,
        tone3000_url=sandbox.api_url,
        tone3000_client_id=DEFAULT_CLIENT_ID,
        **extra,
    )


@pytest.fixture
async def api(
    catalog_db: str, nats_url: str, sandbox: RunningSandbox, tokens: TokenResponder
) -> AsyncIterator[Api]:
    app = create_app(settings_for(catalog_db, nats_url, sandbox))
    async with AsyncTestClient(app, timeout=60) as client:
        yield Api(client)
