"""The identity hook (tokens, open paths, CSRF) and the rate limit on /auth."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from gateway.proxy.forward import Vouch
from gateway.security.identify import authenticate_with, identify_with
from gateway.security.rate_limit import AuthRateLimit, TokenBucketLimiter
from gateway.security.tokens import TokenVerifier
from gts_kit.http.identity import EMPTY_BODY_SHA256 as EMPTY
from gts_kit.http.identity import verify_identity

from .asgi import refusal, scope
from .token_issuer import Issuer

SECRET = "edge-secret"
USER = uuid.uuid4()


def named(vouch: Vouch | None) -> bytes:
    """The user a hook's answer vouches for."""
    assert vouch is not None
    return dict(vouch("", EMPTY))[b"x-gts-user"]


async def test_a_valid_bearer_becomes_a_signed_identity(
    issuer: Issuer, verifier: TokenVerifier
) -> None:
    hook = identify_with(verifier, SECRET)
    vouch = await hook(scope("/api/v1/gear", authorization=f"Bearer {issuer.token(USER)}"))
    assert vouch is not None
    headers = {k.decode(): v.decode() for k, v in vouch("q=1", EMPTY)}
    assert verify_identity(SECRET, headers, "GET", "/api/v1/gear", "q=1") == USER


async def test_protected_path_without_or_with_a_bad_token_is_401(
    issuer: Issuer, verifier: TokenVerifier
) -> None:
    hook = identify_with(verifier, SECRET)
    assert (await refusal(hook, scope("/api/v1/gear"))).status == 401
    wrong = await refusal(
        hook, scope("/api/v1/gear", authorization=f"Bearer {issuer.token(aud='x')}")
    )
    assert (wrong.status, wrong.detail) == (401, "access token: wrong audience")


async def test_open_paths_pass_without_a_token_and_ignore_a_bad_one(
    verifier: TokenVerifier,
) -> None:
    hook = identify_with(verifier, SECRET)
    assert await hook(scope("/auth/login")) is None
    assert await hook(scope("/.well-known/jwks.json", authorization="Bearer junk")) is None


async def test_output_files_reach_their_service_without_a_token(
    issuer: Issuer, verifier: TokenVerifier
) -> None:
    # shootouts decides: an unlisted or public shootout's file, else 404
    hook = identify_with(verifier, SECRET)
    output = f"/api/v1/outputs/{uuid.uuid4()}"
    assert await hook(scope(output)) is None
    assert await hook(scope(output, "HEAD")) is None
    # a signed-in caller is still named, so an owner reads their private files
    added = await hook(scope(output, authorization=f"Bearer {issuer.token(USER)}"))
    assert named(added) == str(USER).encode()
    # a token that fails is refused, so its holder refreshes rather than reading a 404
    stale = await refusal(hook, scope(output, authorization=f"Bearer {issuer.token(aud='x')}"))
    assert stale.status == 401


async def test_listening_results_reach_their_service_without_a_token(
    issuer: Issuer, verifier: TokenVerifier
) -> None:
    # shootouts decides: published results of an unlisted or public shootout, else 404
    hook = identify_with(verifier, SECRET)
    for results in ("results", "results.svg"):
        path = f"/api/v1/shootouts/{uuid.uuid4()}/listening/{results}"
        assert await hook(scope(path)) is None
        added = await hook(scope(path, authorization=f"Bearer {issuer.token(USER)}"))
        assert named(added) == str(USER).encode()


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/api/v1/outputs/0b4ad3a4-1d4c-4a5e-9a43-111111111111"),
        ("DELETE", "/api/v1/outputs/0b4ad3a4-1d4c-4a5e-9a43-111111111111"),
        ("GET", "/api/v1/outputs"),
        ("GET", "/api/v1/outputs/0b4ad3a4-1d4c-4a5e-9a43-111111111111/more"),
        ("GET", "/api/v1/outputsx/1"),
        ("GET", "/api/v1/shootouts/0b4ad3a4-1d4c-4a5e-9a43-111111111111"),
        ("GET", "/api/v1/di-tracks/0b4ad3a4-1d4c-4a5e-9a43-111111111111/audio"),
        ("POST", "/api/v1/shootouts/0b4ad3a4-1d4c-4a5e-9a43-111111111111/listening"),
        ("POST", "/api/v1/shootouts/0b4ad3a4-1d4c-4a5e-9a43-111111111111/listening/results"),
        ("GET", "/api/v1/shootouts/0b4ad3a4-1d4c-4a5e-9a43-111111111111/listening/votes.csv"),
        ("GET", "/api/v1/shootouts/0b4ad3a4-1d4c-4a5e-9a43-111111111111/listening/results/x"),
        ("GET", "/api/v1/shootouts/0b4ad3a4-1d4c-4a5e-9a43-111111111111/listening/results.png"),
        ("GET", "/api/v1/listening/0b4ad3a4-1d4c-4a5e-9a43-111111111111/audio/A"),
        ("GET", "/api/v1/abx/0b4ad3a4-1d4c-4a5e-9a43-111111111111/trials/1/x"),
    ],
)
async def test_nothing_beside_the_open_reads_opens_without_a_token(
    verifier: TokenVerifier, method: str, path: str
) -> None:
    hook = identify_with(verifier, SECRET)
    assert (await refusal(hook, scope(path, method))).status == 401


async def test_cookie_requests_with_unsafe_methods_need_the_csrf_header(
    issuer: Issuer, verifier: TokenVerifier
) -> None:
    hook = identify_with(verifier, SECRET)
    cookie = f"gts_access={issuer.token(USER)}; gts_csrf=abc123"
    assert (await refusal(hook, scope("/api/v1/gear", "POST", cookie=cookie))).status == 403
    await refusal(hook, scope("/api/v1/gear", "POST", cookie=cookie, x_csrf_token="other"))
    added = await hook(scope("/api/v1/gear", "POST", cookie=cookie, x_csrf_token="abc123"))
    assert named(added) == str(USER).encode()
    # a GET by cookie and a POST by Bearer need no CSRF token
    assert await hook(scope("/api/v1/gear", cookie=cookie))
    bearer = f"Bearer {issuer.token(USER)}"
    assert await hook(scope("/api/v1/gear", "POST", authorization=bearer))


async def test_refresh_by_cookie_needs_the_csrf_header_too(verifier: TokenVerifier) -> None:
    hook = identify_with(verifier, SECRET)
    cookie = "gts_refresh=r; gts_csrf=c"
    assert (await refusal(hook, scope("/auth/refresh", "POST", cookie=cookie))).status == 403
    ok = scope("/auth/refresh", "POST", cookie=cookie, x_csrf_token="c")
    assert await hook(ok) is None


async def test_authenticate_for_gateway_routes(issuer: Issuer, verifier: TokenVerifier) -> None:
    authenticate = authenticate_with(verifier)
    session = await authenticate(scope("/ws", cookie=f"gts_access={issuer.token(USER)}"))
    assert session is not None
    assert session.user_id == USER
    assert await authenticate(scope("/ws", authorization="Bearer junk")) is None
    assert await authenticate(scope("/ws")) is None


def test_token_bucket_allows_a_burst_then_says_how_long_to_wait() -> None:
    now = [0.0]
    limiter = TokenBucketLimiter(per_minute=60, capacity=3, clock=lambda: now[0])
    assert [limiter.take("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert limiter.take("a") == pytest.approx(1.0)
    assert limiter.take("b") == 0.0  # buckets are per client
    now[0] += 1.0
    assert limiter.take("a") == 0.0


async def test_auth_routes_over_the_limit_get_429_with_retry_after() -> None:
    passed: list[str] = []

    async def inner(scope: Any, receive: Any, send: Any) -> None:
        passed.append(scope["path"])

    sent: list[dict[str, Any]] = []

    async def send(message: Any) -> None:
        sent.append(message)

    async def receive() -> Any:
        return {"type": "http.request", "body": b""}

    gate = AuthRateLimit(inner, TokenBucketLimiter(per_minute=6, capacity=1, clock=lambda: 0.0))
    await gate(scope("/auth/login"), receive, send)
    await gate(scope("/auth/login"), receive, send)
    await gate(scope("/api/v1/gear"), receive, send)
    assert passed == ["/auth/login", "/api/v1/gear"]
    start = sent[0]
    assert start["status"] == 429
    headers = dict(start["headers"])
    assert headers[b"retry-after"] == b"10"
    assert headers[b"content-type"] == b"application/problem+json"


@pytest.mark.parametrize("junk", ['junk"=', "=novalue", "noequals", 'a="unclosed', "x=1;;"])
async def test_a_malformed_neighbour_cookie_leaves_the_session_cookies_readable(
    issuer: Issuer, verifier: TokenVerifier, junk: str
) -> None:
    hook = identify_with(verifier, SECRET)
    cookie = f"{junk}; gts_access={issuer.token(USER)}; gts_csrf=abc123"
    added = await hook(scope("/api/v1/gear", cookie=cookie))
    assert named(added) == str(USER).encode()
    posted = await hook(scope("/api/v1/gear", "POST", cookie=cookie, x_csrf_token="abc123"))
    assert named(added) == named(posted)
    # the CSRF check still sees the session
    assert (await refusal(hook, scope("/api/v1/gear", "POST", cookie=cookie))).status == 403
    session = await authenticate_with(verifier)(scope("/ws", cookie=cookie))
    assert session is not None
    assert session.user_id == USER
