"""The auth service on real PostgreSQL and NATS, talking to the TONE3000 stand-in."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import httpx
import jwt
import nats
from litestar.testing import AsyncTestClient
from nats.aio.client import Client as NatsClient
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import NullPool

from auth.app import create_app
from auth.config import Settings
from auth.db.models import MIGRATIONS_DIR, SCHEMA
from auth.keys.signing import new_private_pem
from gts_contracts import (
    GetTone3000TokenV1,
    Tone3000TokenReplyV1,
    decode,
    encode,
    spec_for,
)
from gts_kit.db.engine import asyncpg_url
from gts_kit.db.migrations import migrate
from gts_kit.http.identity import sign_identity
from tone3000_sandbox import RunningSandbox

# a loopback origin, which the stand-in accepts as a callback on any port
PUBLIC_URL = "http://127.0.0.1:8765"
SECRET = "internal-test-secret"
ENCRYPTION_KEY = "c2l4dHktZm91ci1ieXRlcy1vZi1rZXktbWF0ZXJpYWw"  # 32 bytes, url-safe base64


@dataclass
class Harness:
    """The running auth app, its stand-in, and the test's own database engine and NATS."""

    app_client: AsyncTestClient  # type: ignore[type-arg]
    sandbox: RunningSandbox
    settings: Settings
    engine: AsyncEngine
    nc: NatsClient

    def browser(self) -> AsyncTestClient:  # type: ignore[type-arg]
        """The app's test client (it keeps cookies like a browser)."""
        return self.app_client

    async def start_login(
        self, client: httpx.AsyncClient, return_to: str = "/after"
    ) -> tuple[str, dict[str, str]]:
        """GET /auth/login; the authorize URL and its query."""
        response = await client.get("/auth/login", params={"return_to": return_to})
        assert response.status_code == 302, response.text
        url = response.headers["location"]
        return url, {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}

    async def approve(self, authorize_url: str, username: str = "alice") -> str:
        """Submit the stand-in's sign-in form; the callback path and query it redirects to."""
        async with httpx.AsyncClient() as t3k:
            answer = await t3k.post(authorize_url, data={"username": username})
        assert answer.status_code == 303, answer.text
        target = urlsplit(answer.headers["location"])
        return f"{target.path}?{target.query}"

    async def sign_in(self, client: httpx.AsyncClient, username: str = "alice") -> uuid.UUID:
        """The whole sign-in in `client`; the new session's user id."""
        url, _ = await self.start_login(client)
        back = await client.get(await self.approve(url, username))
        assert back.status_code == 302, back.text
        assert back.headers["location"] == "/after"
        return user_of(client.cookies["gts_access"])

    def vouched(self, user_id: uuid.UUID, method: str, path: str) -> dict[str, str]:
        """The signed identity headers the gateway would add."""
        return {k.decode(): v.decode() for k, v in sign_identity(SECRET, user_id, method, path)}

    async def ask_token(self, user_id: uuid.UUID | bytes) -> Tone3000TokenReplyV1:
        """One request-reply on the auth subject, as the catalog would make it."""
        payload = (
            user_id if isinstance(user_id, bytes) else encode(GetTone3000TokenV1(user_id=user_id))
        )
        reply = await self.nc.request(spec_for(GetTone3000TokenV1).subject, payload, timeout=15)
        return decode(reply.data, Tone3000TokenReplyV1)


def user_of(access_token: str) -> uuid.UUID:
    """The `sub` of an access token (read without verifying)."""
    return uuid.UUID(jwt.decode(access_token, options={"verify_signature": False})["sub"])


def auth_settings(database_url: str, nats_url: str, tone3000_url: str) -> Settings:
    """Settings for a test auth service with fresh keys."""
    return Settings(
        database_url=database_url,
        nats_url=nats_url,
        internal_secret=SECRET,
        public_url=PUBLIC_URL,
        tone3000_url=tone3000_url,
        tone3000_client_id="t3k_pub_gts_local",
        jwt_private_keys={"j1": new_private_pem()},
        token_encryption_keys={"k1": ENCRYPTION_KEY},
    )


@contextlib.asynccontextmanager
async def running_auth(
    database_url: str, nats_url: str, sandbox: RunningSandbox
) -> AsyncIterator[Harness]:
    """Migrate the auth schema and start the app against `sandbox` (reset first)."""
    await asyncio.to_thread(migrate, MIGRATIONS_DIR, database_url, SCHEMA)
    async with httpx.AsyncClient() as admin:
        (await admin.post(sandbox.url + "/_sandbox/reset")).raise_for_status()
    if True:
        settings = auth_settings(database_url, nats_url, sandbox.api_url)
        engine = create_async_engine(asyncpg_url(database_url), poolclass=NullPool)
        nc = await nats.connect(nats_url)
        try:
            async with AsyncTestClient(create_app(settings), base_url=PUBLIC_URL) as client:
                client.follow_redirects = False  # each hop of the dance is checked
                yield Harness(client, sandbox, settings, engine, nc)
        finally:
            await nc.close()
            await engine.dispose()
