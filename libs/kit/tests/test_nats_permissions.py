"""Each service's NATS user on a real nats-server: only its own subjects and buckets."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
from collections.abc import AsyncIterator

import nats
import pytest
from nats.aio.client import Client
from nats.aio.msg import Msg

from gts_contracts import GEAR_BUCKET, spec_for
from gts_contracts.auth import GetTone3000TokenV1
from gts_contracts.permissions import inbox_prefix
from gts_contracts.render import RenderJobStartedV1
from gts_kit.blobs.nats_store import NatsObjectBlobStore
from gts_kit.messaging.provision import provision
from gts_kit.testing.servers import Servers

pytestmark = pytest.mark.usefixtures("clean_state")

TOKEN_SUBJECT = spec_for(GetTone3000TokenV1).subject
ERROR_WAIT_SECONDS = 10.0


class Session:
    """A connection signed in as one service, keeping the errors the server sends it."""

    def __init__(self) -> None:
        self.nc: Client | None = None
        self.errors: asyncio.Queue[str] = asyncio.Queue()

    async def on_error(self, exc: Exception) -> None:
        await self.errors.put(str(exc))

    async def violation(self) -> str:
        """The next permissions violation the server reported (nats-py lower-cases it)."""
        while True:
            message = await asyncio.wait_for(self.errors.get(), ERROR_WAIT_SECONDS)
            if "permissions violation" in message:
                return message


@contextlib.asynccontextmanager
async def signed_in(servers: Servers, user: str | None) -> AsyncIterator[tuple[Client, Session]]:
    """A connection as `user` (None: the admin, by connecting without credentials)."""
    if not servers.nats_passwords:
        pytest.skip(f"NATS comes from {servers.source}, without GTS's users")
    session = Session()
    options: dict[str, str] = {}
    if user is not None:
        options = {
            "user": user,
            "password": servers.nats_passwords[user],
            "inbox_prefix": inbox_prefix(user),
        }
    nc = await nats.connect(
        servers.nats_url,
        error_cb=session.on_error,
        max_reconnect_attempts=1,
        connect_timeout=5,
        **options,
    )
    try:
        yield nc, session
    finally:
        await nc.close()


@pytest.fixture
async def token_responder(gts_servers: Servers) -> AsyncIterator[None]:
    """An admin answering every TONE3000 token request, as auth would."""
    async with signed_in(gts_servers, None) as (nc, _):

        async def answer(msg: Msg) -> None:
            await msg.respond(b"a-token")

        await nc.subscribe(TOKEN_SUBJECT, cb=answer)
        await nc.flush()
        yield


async def provisioned(servers: Servers) -> None:
    async with signed_in(servers, None) as (nc, _):
        await provision(nc.jetstream())


@pytest.mark.usefixtures("token_responder")
async def test_catalog_may_request_a_tone3000_token(gts_servers: Servers) -> None:
    async with signed_in(gts_servers, "catalog") as (nc, _):
        reply = await nc.request(TOKEN_SUBJECT, b"{}", timeout=ERROR_WAIT_SECONDS)
    assert reply.data == b"a-token"


@pytest.mark.usefixtures("token_responder")
async def test_render_may_not_request_a_tone3000_token(gts_servers: Servers) -> None:
    async with signed_in(gts_servers, "render") as (nc, session):
        with pytest.raises(nats.errors.TimeoutError):
            await nc.request(TOKEN_SUBJECT, b"{}", timeout=1.0)
        violation = await session.violation()
    assert f'permissions violation for publish to "{TOKEN_SUBJECT}"' in violation


async def test_render_may_not_listen_for_tone3000_token_requests(gts_servers: Servers) -> None:
    async with signed_in(gts_servers, "render") as (nc, session):
        await nc.subscribe(TOKEN_SUBJECT)
        violation = await session.violation()
    assert f'permissions violation for subscription to "{TOKEN_SUBJECT}"' in violation


async def test_render_may_not_read_another_services_replies(gts_servers: Servers) -> None:
    async with signed_in(gts_servers, "render") as (nc, session):
        await nc.subscribe(inbox_prefix("catalog") + ".>")
        violation = await session.violation()
    assert "permissions violation for subscription to" in violation


async def test_render_reads_gear_blobs_but_may_not_write_them(gts_servers: Servers) -> None:
    await provisioned(gts_servers)
    data = b"a capture"

    async def chunks() -> AsyncIterator[bytes]:
        yield data

    async with signed_in(gts_servers, "catalog") as (nc, _):
        stored = await NatsObjectBlobStore(nc.jetstream(), GEAR_BUCKET).put(
            chunks(), max_bytes=1024
        )
    async with signed_in(gts_servers, "render") as (nc, session):
        gear = NatsObjectBlobStore(nc.jetstream(timeout=1.0), GEAR_BUCKET)
        read = b"".join([chunk async for chunk in gear.get(stored.sha256)])
        with pytest.raises(nats.errors.TimeoutError):
            await gear.put(chunks(), max_bytes=1024)
        violation = await session.violation()
    assert read == data
    assert stored.sha256 == hashlib.sha256(data).hexdigest()
    assert f'permissions violation for publish to "$o.{GEAR_BUCKET}.c.' in violation


async def test_shootouts_may_not_publish_render_job_events(gts_servers: Servers) -> None:
    await provisioned(gts_servers)
    subject = spec_for(RenderJobStartedV1).subject
    async with signed_in(gts_servers, "shootouts") as (nc, session):
        with pytest.raises(nats.errors.TimeoutError):
            await nc.jetstream(timeout=1.0).publish(subject, b"{}")
        violation = await session.violation()
    assert f'permissions violation for publish to "{subject}"' in violation
