"""The gateway proxy: streams both ways, drops hop-by-hop and identity headers, 502 when down."""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Iterator

import msgspec
import pytest
from litestar.testing import AsyncTestClient
from litestar.types import Message

from gateway.app import create_app
from gateway.config import Settings
from gateway.proxy.forward import Forwarder, upstream_session
from gts_kit.errors import UnauthorizedError
from gts_kit.http.identity import verify_identity
from gts_kit.local.ports import free_port

from .conftest import settings_for
from .echo_upstream import BIG_CHUNKS, CHUNK, serve_echo
from .token_issuer import Issuer

CALLER = uuid.uuid4()


@pytest.fixture
def upstream() -> Iterator[str]:
    with serve_echo() as url:
        yield url


def gateway(
    nats_url: str, catalog_url: str, issuer: Issuer, *, max_body_bytes: int = 50 * 1024 * 1024
) -> Settings:
    return settings_for(
        nats_url, catalog_url=catalog_url, auth_url=issuer.url, max_body_bytes=max_body_bytes
    )


async def test_request_and_response_go_through_with_hop_by_hop_and_identity_dropped(
    nats_url: str, upstream: str, issuer: Issuer
) -> None:
    async with AsyncTestClient(create_app(gateway(nats_url, upstream, issuer))) as client:
        response = await client.post(
            "/api/v1/gear/items?kind=amp",
            content=b"hello",
            headers={
                "connection": "keep-alive, x-secret",
                "x-gts-user": "00000000-0000-0000-0000-000000000001",
                "x-gts-user-sig": "forged",
                "x-request-id": "req-1",
                **issuer.bearer(CALLER),
            },
        )
    assert response.status_code == 201
    assert response.headers["x-upstream"] == "echo"
    assert "keep-alive" not in response.headers
    seen = response.json()
    assert seen["path"] == "/api/v1/gear/items"
    assert seen["query"] == "kind=amp"
    assert seen["size"] == 5
    # the client's forged identity is gone; the gateway vouches for the token's user instead
    assert seen["headers"]["x-gts-user"] == str(CALLER)
    assert seen["headers"]["x-gts-user-sig"] != "forged"
    assert (
        "connection" not in seen["headers"]
        or seen["headers"]["connection"] != "keep-alive, x-secret"
    )
    assert seen["headers"]["x-request-id"] == "req-1"
    assert seen["headers"]["x-forwarded-proto"] == "http"


async def test_large_bodies_stream_both_ways_intact(
    nats_url: str, upstream: str, issuer: Issuer
) -> None:
    body = os.urandom(3 * 1024 * 1024)

    async with AsyncTestClient(create_app(gateway(nats_url, upstream, issuer))) as client:
        up = await client.put("/api/v1/gear/upload", content=body, headers=issuer.bearer())
        down = await client.get("/api/v1/gear/big", headers=issuer.bearer())
    assert up.json()["sha256"] == hashlib.sha256(body).hexdigest()
    assert down.content == CHUNK * BIG_CHUNKS


async def test_the_signature_covers_the_query_and_the_body_the_upstream_receives(
    nats_url: str, upstream: str, issuer: Issuer
) -> None:
    body = os.urandom(3 * 1024 * 1024)  # spooled to a file before it goes upstream
    settings = msgspec.structs.replace(gateway(nats_url, upstream, issuer), internal_secret="s")
    async with AsyncTestClient(create_app(settings)) as client:
        up = await client.post(
            "/api/v1/gear/upload?kind=amp&q=a%20b", content=body, headers=issuer.bearer(CALLER)
        )
        empty = await client.get("/api/v1/gear/items", headers=issuer.bearer(CALLER))
    seen = up.json()
    assert (seen["size"], seen["sha256"]) == (len(body), hashlib.sha256(body).hexdigest())
    assert seen["headers"]["x-gts-body-sha256"] == seen["sha256"]
    assert verify_identity("s", seen["headers"], "POST", seen["path"], seen["query"]) == CALLER
    with pytest.raises(UnauthorizedError):
        verify_identity("s", seen["headers"], "POST", seen["path"], "kind=amp")
    got = empty.json()
    assert verify_identity("s", got["headers"], "GET", got["path"], got["query"]) == CALLER


async def test_body_over_the_limit_is_413_problem_json(
    nats_url: str, upstream: str, issuer: Issuer
) -> None:
    async with AsyncTestClient(
        create_app(gateway(nats_url, upstream, issuer, max_body_bytes=1000))
    ) as client:
        response = await client.post("/api/v1/gear", content=b"x" * 2000)
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"
    assert "limit is 1000" in response.json()["detail"]


async def test_streamed_body_over_the_limit_is_413_problem_json(upstream: str) -> None:
    # No Content-Length: the limit bites mid-stream, while the body is on its way upstream.
    # (The test client cannot stream a request body, so the forwarder is called directly.)
    messages: list[Message] = [
        *({"type": "http.request", "body": b"x" * 600, "more_body": True} for _ in range(3)),
        {"type": "http.request", "body": b"", "more_body": False},
    ]
    sent: list[Message] = []

    async def receive() -> Message:
        return messages.pop(0)

    async def send(message: Message) -> None:
        sent.append(message)

    scope = {
        "type": "http", "method": "POST", "path": "/api/v1/gear", "query_string": b"",
        "headers": [(b"transfer-encoding", b"chunked")], "client": ("127.0.0.1", 1), "state": {},
    }  # fmt: skip
    async with upstream_session(5.0) as http:
        await Forwarder(http, {"catalog": upstream}, max_body_bytes=1000)(scope, receive, send)  # type: ignore[arg-type]
    assert sent[0]["status"] == 413
    assert (b"content-type", b"application/problem+json") in sent[0]["headers"]
    assert b"over 1000 bytes" in sent[1]["body"]


async def test_upstream_down_is_502_problem_json_and_ready_names_it(
    nats_url: str, upstream: str, issuer: Issuer
) -> None:
    dead = f"http://127.0.0.1:{free_port()}"
    settings = msgspec.structs.replace(gateway(nats_url, dead, issuer), catalog_internal_url=dead)
    async with AsyncTestClient(create_app(settings)) as client:
        response = await client.get("/api/v1/gear", headers=issuer.bearer())
        # readiness answers on the internal port only
        ready = await client.get(f"http://testserver.local:{settings.internal_port}/health/ready")
    assert response.status_code == 502
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"] == "catalog is not reachable"
    assert ready.status_code == 503
    checks = {c["name"]: c for c in ready.json()["checks"]}
    assert checks["catalog"]["ok"] is False
    assert checks["nats"]["ok"] is True


@pytest.mark.parametrize("path", ["/api/v1/unknown", "/api/v1"])
async def test_path_without_an_owner_is_404_problem_json(
    nats_url: str, upstream: str, issuer: Issuer, path: str
) -> None:
    async with AsyncTestClient(create_app(gateway(nats_url, upstream, issuer))) as client:
        response = await client.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
