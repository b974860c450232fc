"""Anonymous listeners: the gateway's signed listener cookie, and the identity hook that
vouches for it with `x-gts-listener` on the listening room's blind sessions and votes only."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from gateway.app import create_app
from gateway.security.identify import identify_with
from gateway.security.listener import LISTENER_COOKIE, listener_cookie, listener_from_cookie
from gateway.security.tokens import TokenVerifier
from gts_kit.http.identity import EMPTY_BODY_SHA256 as EMPTY
from gts_kit.http.identity import verify_identity, verify_listener

from .asgi import refusal, scope
from .conftest import settings_for
from .token_issuer import Issuer

SECRET = "listener-secret"
USER = uuid.uuid4()
SHOOTOUT = "0b4ad3a4-1d4c-4a5e-9a43-111111111111"
SESSION = "0b4ad3a4-1d4c-4a5e-9a43-222222222222"


def test_a_listener_cookie_is_signed_and_checked() -> None:
    listener = uuid.uuid4()
    value = listener_cookie(SECRET, listener)
    assert listener_from_cookie(SECRET, value) == listener
    other = uuid.uuid4()
    for forged in (
        f"{other}.{value.partition('.')[2]}",
        value[:-1] + ("0" if value[-1] != "0" else "1"),
        listener_cookie("another secret", listener),
        str(listener),
        "not-a-uuid." + value.partition(".")[2],
        "",
        None,
    ):
        assert listener_from_cookie(SECRET, forged) is None, forged


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", f"/api/v1/shootouts/{SHOOTOUT}/listening"),
        ("GET", f"/api/v1/listening/{SESSION}"),
        ("GET", f"/api/v1/listening/{SESSION}/audio/A"),
        ("HEAD", f"/api/v1/listening/{SESSION}/audio/B"),
        ("POST", f"/api/v1/listening/{SESSION}/vote"),
    ],
)
async def test_the_cookie_vouches_for_an_anonymous_listener_in_blind_listening(
    verifier: TokenVerifier, method: str, path: str
) -> None:
    listener = uuid.uuid4()
    hook = identify_with(verifier, SECRET)
    cookie = f"{LISTENER_COOKIE}={listener_cookie(SECRET, listener)}"
    vouch = await hook(scope(path, method, cookie=cookie))
    assert vouch is not None
    headers = {k.decode(): v.decode() for k, v in vouch("", EMPTY)}
    assert "x-gts-user" not in headers
    assert verify_listener(SECRET, headers, method, path) == listener
    assert verify_identity(SECRET, headers, method, path) is None


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", f"/api/v1/shootouts/{SHOOTOUT}/abx"),
        ("GET", f"/api/v1/shootouts/{SHOOTOUT}"),
        ("GET", f"/api/v1/shootouts/{SHOOTOUT}/listening/votes.csv"),
        ("POST", f"/api/v1/shootouts/{SHOOTOUT}/listening/publish"),
        ("DELETE", f"/api/v1/listening/{SESSION}"),
        ("POST", f"/api/v1/listening/{SESSION}/vote/again"),
        ("GET", f"/api/v1/abx/{SESSION}"),
        ("POST", "/api/v1/signal-chains"),
    ],
)
async def test_the_cookie_opens_nothing_else(
    verifier: TokenVerifier, method: str, path: str
) -> None:
    hook = identify_with(verifier, SECRET)
    cookie = f"{LISTENER_COOKIE}={listener_cookie(SECRET, uuid.uuid4())}"
    assert (await refusal(hook, scope(path, method, cookie=cookie))).status == 401


async def test_a_forged_cookie_is_no_listener_and_a_token_wins(
    issuer: Issuer, verifier: TokenVerifier
) -> None:
    hook = identify_with(verifier, SECRET)
    path = f"/api/v1/shootouts/{SHOOTOUT}/listening"
    forged = f"{LISTENER_COOKIE}={listener_cookie('guessed', uuid.uuid4())}"
    assert (await refusal(hook, scope(path, "POST", cookie=forged))).status == 401
    # a signed-in visitor votes as themselves, whatever listener cookie they also hold
    cookie = f"{LISTENER_COOKIE}={listener_cookie(SECRET, uuid.uuid4())}"
    vouch = await hook(
        scope(path, "POST", cookie=cookie, authorization=f"Bearer {issuer.token(USER)}")
    )
    assert vouch is not None
    headers = {k.decode(): v.decode() for k, v in vouch("", EMPTY)}
    assert headers["x-gts-user"] == str(USER)
    assert "x-gts-listener" not in headers


@pytest.fixture
async def gateway(nats_url: str) -> AsyncIterator[AsyncTestClient[Litestar]]:
    app = create_app(settings_for(nats_url, internal_secret=SECRET, listener_rate_limit_burst=2))
    async with AsyncTestClient(app) as running:
        yield running


async def test_a_visitor_gets_one_listener_cookie_and_keeps_it(
    gateway: AsyncTestClient[Litestar],
) -> None:
    first = await gateway.post("/api/v1/listener")
    assert first.status_code == 200, first.text
    assert first.json() == {"issued": True}
    set_cookie = first.headers["set-cookie"].lower()
    for attribute in ("httponly", "samesite=strict", "path=/api/v1", "max-age="):
        assert attribute in set_cookie
    value = gateway.cookies[LISTENER_COOKIE]
    assert listener_from_cookie(SECRET, value) is not None
    kept = await gateway.post("/api/v1/listener")
    assert kept.json() == {"issued": False}
    assert "set-cookie" not in kept.headers
    assert gateway.cookies[LISTENER_COOKIE] == value


async def test_new_listener_cookies_are_rate_limited_per_client(
    gateway: AsyncTestClient[Litestar],
) -> None:
    for _ in range(2):
        answer = await gateway.post("/api/v1/listener")
        assert answer.json() == {"issued": True}
        gateway.cookies.clear()
    refused = await gateway.post("/api/v1/listener")
    assert refused.status_code == 429, refused.text
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert refused.json()["code"] == "listener_rate_limited"
    assert int(refused.headers["retry-after"]) > 0
