"""The forwarder's identity hook: who is calling, vouched for to upstreams with a signed header.

Tokens come as `Authorization: Bearer` (API clients) or the `gts_access` cookie (browsers).
Unsafe methods that ride on cookies must echo the `gts_csrf` cookie in `X-CSRF-Token`
(double submit); a Bearer request needs no CSRF defence. Open paths pass without a token,
and an invalid token on them is simply ignored; reads without a token (a shared shootout's
files) pass anonymous too, but refuse an invalid token like any other path. Without a token,
the listening room's blind sessions and votes vouch for the visitor's signed listener cookie
(`gateway.security.listener`) with `x-gts-listener`.
"""

from __future__ import annotations

import functools
import hmac
import logging
from collections.abc import Awaitable, Callable

from litestar.types import Scope

from gateway.proxy.forward import Identify, ProxyRefusal, Vouch
from gateway.proxy.routes import is_anonymous_listening, is_open_path, is_read_without_token
from gateway.security.cookies import parse_cookie_header
from gateway.security.jwks import JwksUnavailableError
from gateway.security.listener import LISTENER_COOKIE, listener_from_cookie
from gateway.security.tokens import Session, TokenRejectedError, TokenVerifier
from gts_kit.http.identity import sign_identity, sign_listener

log = logging.getLogger("gts.gateway.security")

ACCESS_COOKIE = "gts_access"
REFRESH_COOKIE = "gts_refresh"
CSRF_COOKIE = "gts_csrf"
CSRF_HEADER = b"x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def identify_with(verifier: TokenVerifier, internal_secret: str) -> Identify:
    """The hook that verifies the caller, and then vouches for them to upstreams with signed
    `x-gts-*` headers (once the forwarder knows the body's digest)."""

    async def identify(scope: Scope) -> Vouch | None:
        path: str = scope["path"]
        method = str(scope.get("method", "GET")).upper()
        headers = {k.lower(): v for k, v in scope["headers"]}
        cookies = parse_cookie_header(headers.get(b"cookie", b""))
        bearer = _bearer(headers.get(b"authorization"))
        if bearer is None and method not in SAFE_METHODS:
            _check_csrf(cookies, headers.get(CSRF_HEADER))
        token = bearer if bearer is not None else cookies.get(ACCESS_COOKIE)
        open_path = is_open_path(path)
        if not token:
            if is_anonymous_listening(method, path):
                listener = listener_from_cookie(internal_secret, cookies.get(LISTENER_COOKIE))
                if listener is not None:
                    return functools.partial(sign_listener, internal_secret, listener, method, path)
            if open_path or is_read_without_token(method, path):
                return None
            raise ProxyRefusal(
                401, "Unauthorized",
                "sign in required: send Authorization: Bearer <token> or the gts_access cookie",
            )  # fmt: skip
        try:
            user_id = await verifier.user_id(token)
        except TokenRejectedError as rejected:
            if open_path:
                return None
            raise ProxyRefusal(401, "Unauthorized", str(rejected)) from None
        except JwksUnavailableError:
            if open_path:
                return None
            raise ProxyRefusal(
                503, "Service unavailable", "access tokens cannot be checked right now"
            ) from None
        return functools.partial(sign_identity, internal_secret, user_id, method, path)

    return identify


def _check_csrf(cookies: dict[str, str], header: bytes | None) -> None:
    # only requests that ride on our cookies can be forged cross-site
    if not (cookies.get(ACCESS_COOKIE) or cookies.get(REFRESH_COOKIE)):
        return
    expected = cookies.get(CSRF_COOKIE, "")
    sent = (header or b"").decode("latin-1")
    if not expected or not sent or not hmac.compare_digest(expected, sent):
        raise ProxyRefusal(
            403, "Forbidden", "X-CSRF-Token: missing or does not match the gts_csrf cookie"
        )


def _bearer(value: bytes | None) -> str | None:
    if value is None:
        return None
    scheme, _, credentials = value.decode("latin-1").partition(" ")
    if scheme.lower() != "bearer" or not credentials.strip():
        return None
    return credentials.strip()


# the caller of one of the gateway's own routes, or None
Authenticate = Callable[[Scope], Awaitable[Session | None]]


def authenticate_with(verifier: TokenVerifier) -> Authenticate:
    """For the gateway's own routes (live socket, ws tickets): the caller and their access
    token's expiry, or None when the request carries no valid access token."""

    async def authenticate(scope: Scope) -> Session | None:
        headers = {k.lower(): v for k, v in scope["headers"]}
        cookies = parse_cookie_header(headers.get(b"cookie", b""))
        token = _bearer(headers.get(b"authorization")) or cookies.get(ACCESS_COOKIE)
        if not token:
            return None
        try:
            return await verifier.session(token)
        except (TokenRejectedError, JwksUnavailableError):
            return None

    return authenticate
