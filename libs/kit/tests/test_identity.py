"""The signed user header: only the gateway's signature is accepted, once, for the request
it was made for (method, path, query and body)."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from litestar import Request, get, post
from litestar.testing import AsyncTestClient

from gts_kit.errors import UnauthorizedError
from gts_kit.http.identity import (
    SeenNonces,
    sign_identity,
    sign_listener,
    verify_identity,
    verify_listener,
)
from gts_kit.service import ServiceSpec, create_service_app
from gts_kit.settings import ServiceSettings

SECRET = "s3cret"
USER = uuid.uuid4()


def headers_of(pairs: list[tuple[bytes, bytes]]) -> dict[str, str]:
    return {k.decode(): v.decode() for k, v in pairs}


def test_signed_header_is_accepted_for_the_same_method_and_path() -> None:
    headers = headers_of(sign_identity(SECRET, USER, "GET", "/api/v1/gear", now=1000))
    assert verify_identity(SECRET, headers, "GET", "/api/v1/gear", now=1010) == USER


def test_no_identity_is_anonymous() -> None:
    assert verify_identity(SECRET, {}, "GET", "/api/v1/gear") is None


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"x-gts-user": str(uuid.uuid4())}, "bad signature"),
        ({"x-gts-user-sig": "0" * 64}, "bad signature"),
        ({"x-gts-user-ts": "1001"}, "bad signature"),
    ],
)
def test_forged_headers_are_refused(change: dict[str, str], reason: str) -> None:
    headers = headers_of(sign_identity(SECRET, USER, "GET", "/api/v1/gear", now=1000)) | change
    with pytest.raises(UnauthorizedError, match=reason):
        verify_identity(SECRET, headers, "GET", "/api/v1/gear", now=1000)


def test_signature_does_not_carry_over_to_another_path_or_method() -> None:
    headers = headers_of(sign_identity(SECRET, USER, "GET", "/api/v1/gear", now=1000))
    with pytest.raises(UnauthorizedError):
        verify_identity(SECRET, headers, "DELETE", "/api/v1/gear", now=1000)
    with pytest.raises(UnauthorizedError):
        verify_identity(SECRET, headers, "GET", "/api/v1/shootouts", now=1000)


def test_old_signature_is_refused_as_expired() -> None:
    headers = headers_of(sign_identity(SECRET, USER, "GET", "/x", now=1000))
    with pytest.raises(UnauthorizedError, match="expired"):
        verify_identity(SECRET, headers, "GET", "/x", now=1000 + 31)


def test_signature_made_with_another_secret_is_refused() -> None:
    headers = headers_of(sign_identity("other", USER, "GET", "/x", now=1000))
    with pytest.raises(UnauthorizedError, match="bad signature"):
        verify_identity(SECRET, headers, "GET", "/x", now=1000)


def test_signature_does_not_carry_over_to_another_query() -> None:
    headers = headers_of(sign_identity(SECRET, USER, "GET", "/x", "page=1", now=1000))
    assert verify_identity(SECRET, headers, "GET", "/x", "page=1", now=1000) == USER
    with pytest.raises(UnauthorizedError, match="bad signature"):
        verify_identity(SECRET, headers, "GET", "/x", "page=2", now=1000)
    with pytest.raises(UnauthorizedError, match="bad signature"):
        verify_identity(SECRET, headers, "GET", "/x", now=1000)


def test_a_nonce_is_accepted_once_within_its_window() -> None:
    seen = SeenNonces()
    headers = headers_of(sign_identity(SECRET, USER, "GET", "/x", now=1000))
    assert verify_identity(SECRET, headers, "GET", "/x", now=1000, seen=seen) == USER
    with pytest.raises(UnauthorizedError, match="replayed"):
        verify_identity(SECRET, headers, "GET", "/x", now=1010, seen=seen)
    # a fresh header set for the same request is a new request
    again = headers_of(sign_identity(SECRET, USER, "GET", "/x", now=1010))
    assert verify_identity(SECRET, again, "GET", "/x", now=1010, seen=seen) == USER


@get("/whoami", sync_to_thread=False)
def whoami(user_id: uuid.UUID) -> str:
    return str(user_id)


@post("/notes", status_code=201)
async def take_note(request: Request[Any, Any, Any], user_id: uuid.UUID) -> dict[str, Any]:
    body = await request.body()
    return {"user": str(user_id), "size": len(body)}


@pytest.fixture
async def service(nats_url: str) -> AsyncIterator[AsyncTestClient[Any]]:
    settings = ServiceSettings(nats_url=nats_url, internal_secret=SECRET)
    app = create_service_app(ServiceSpec("identity", settings, route_handlers=[whoami, take_note]))
    async with AsyncTestClient(app) as client:
        yield client


def vouched(method: str, path: str, query: str = "", body: bytes = b"") -> dict[str, str]:
    digest = hashlib.sha256(body).hexdigest()
    return headers_of(sign_identity(SECRET, USER, method, path, query, digest))


async def test_a_service_answers_a_signed_request_once(service: httpx.AsyncClient) -> None:
    headers = vouched("GET", "/whoami", "a=1")
    first = await service.get("/whoami?a=1", headers=headers)
    assert (first.status_code, first.text) == (200, str(USER))
    replayed = await service.get("/whoami?a=1", headers=headers)
    assert replayed.status_code == 401
    assert "replayed" in replayed.json()["detail"]


async def test_a_service_refuses_headers_replayed_with_another_query(
    service: httpx.AsyncClient,
) -> None:
    headers = vouched("GET", "/whoami", "a=1")
    replayed = await service.get("/whoami?a=2", headers=headers)
    assert replayed.status_code == 401
    assert replayed.headers["content-type"] == "application/problem+json"


async def test_a_service_refuses_a_body_other_than_the_one_signed(
    service: httpx.AsyncClient,
) -> None:
    signed = vouched("POST", "/notes", body=b"pay alice 1")
    tampered = await service.post("/notes", content=b"pay carol 9", headers=signed)
    assert tampered.status_code == 401
    assert "body" in tampered.json()["detail"]
    body = b"x" * (3 * 1024 * 1024)
    whole = await service.post("/notes", content=body, headers=vouched("POST", "/notes", body=body))
    assert (whole.status_code, whole.json()["size"]) == (201, len(body))


def test_a_listener_header_names_an_anonymous_listener_and_never_a_user() -> None:
    listener = uuid.uuid4()
    headers = headers_of(sign_listener(SECRET, listener, "POST", "/api/v1/x", now=1000))
    assert verify_listener(SECRET, headers, "POST", "/api/v1/x", now=1000) == listener
    assert verify_identity(SECRET, headers, "POST", "/api/v1/x", now=1000) is None
    # a user's signature does not vouch for a listener of the same id, nor the other way
    as_user = headers_of(sign_identity(SECRET, listener, "POST", "/api/v1/x", now=1000))
    swapped = {("x-gts-listener" if k == "x-gts-user" else k): v for k, v in as_user.items()}
    with pytest.raises(UnauthorizedError, match="bad signature"):
        verify_listener(SECRET, swapped, "POST", "/api/v1/x", now=1000)
    swapped_back = {("x-gts-user" if k == "x-gts-listener" else k): v for k, v in headers.items()}
    with pytest.raises(UnauthorizedError, match="bad signature"):
        verify_identity(SECRET, swapped_back, "POST", "/api/v1/x", now=1000)
    forged = headers | {"x-gts-listener": str(uuid.uuid4())}
    with pytest.raises(UnauthorizedError, match="bad signature"):
        verify_listener(SECRET, forged, "POST", "/api/v1/x", now=1000)
    # a signed-in user is never also an anonymous listener
    assert verify_listener(SECRET, as_user | {"x-gts-listener": "x"}, "POST", "/api/v1/x") is None
    assert verify_listener(SECRET, {}, "POST", "/api/v1/x") is None
