"""Access tokens at the edge: only EdDSA tokens signed by a published key, for us, in date."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import uuid
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import jwt
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from jwt.algorithms import OKPAlgorithm

from gateway.security.jwks import JwksCache, JwksUnavailableError
from gateway.security.tokens import TokenRejectedError, TokenVerifier

ISSUER = "https://gts.example"
USER = uuid.uuid4()


class FakeClock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


class KeyServer:
    """Serves a JWKS (as an aiohttp handler, on the loopback) and counts the fetches."""

    def __init__(self) -> None:
        self.keys: dict[str, Ed25519PrivateKey] = {"k1": Ed25519PrivateKey.generate()}
        self.fetches = 0
        self.down = False

    async def handler(self, request: web.Request) -> web.Response:
        self.fetches += 1
        if self.down:
            return web.Response(status=503)
        jwks = [
            {**json.loads(OKPAlgorithm.to_jwk(k.public_key())), "kid": kid, "alg": "EdDSA"}
            for kid, k in self.keys.items()
        ]
        return web.json_response({"keys": jwks})

    def token(self, kid: str = "k1", **changes: Any) -> str:
        now = int(time.time())
        claims = {
            "iss": ISSUER, "aud": "gts", "sub": str(USER), "iat": now, "exp": now + 900,
            "jti": str(uuid.uuid4()),
        }  # fmt: skip
        claims.update(changes)
        return jwt.encode(claims, self.keys[kid], algorithm="EdDSA", headers={"kid": kid})


@pytest.fixture
def server() -> KeyServer:
    return KeyServer()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def verifier(server: KeyServer, clock: FakeClock) -> AsyncIterator[TokenVerifier]:
    app = web.Application()
    app.router.add_get("/.well-known/jwks.json", server.handler)
    async with TestServer(app, host="127.0.0.1") as auth, aiohttp.ClientSession() as client:
        url = str(auth.make_url("/.well-known/jwks.json"))
        yield TokenVerifier(JwksCache(client, url, clock=clock), ISSUER + "/")


async def test_a_valid_token_names_its_user(server: KeyServer, verifier: TokenVerifier) -> None:
    assert await verifier.user_id(server.token()) == USER


async def test_a_tampered_token_is_refused(server: KeyServer, verifier: TokenVerifier) -> None:
    header, payload, signature = server.token().split(".")
    forged = jwt.utils.base64url_encode(
        json.dumps(
            {**json.loads(jwt.utils.base64url_decode(payload)), "sub": str(uuid.uuid4())}
        ).encode()
    ).decode()
    with pytest.raises(TokenRejectedError, match="bad signature"):
        await verifier.user_id(f"{header}.{forged}.{signature}")


async def test_an_expired_token_is_refused(server: KeyServer, verifier: TokenVerifier) -> None:
    with pytest.raises(TokenRejectedError, match="expired"):
        await verifier.user_id(server.token(exp=int(time.time()) - 60))


async def test_alg_none_is_refused(server: KeyServer, verifier: TokenVerifier) -> None:
    claims = jwt.decode(server.token(), options={"verify_signature": False})
    unsigned = jwt.encode(claims, None, algorithm="none", headers={"kid": "k1"})
    with pytest.raises(TokenRejectedError, match="'none' is not accepted"):
        await verifier.user_id(unsigned)


async def test_hs256_signed_with_the_public_key_is_refused(
    server: KeyServer, verifier: TokenVerifier
) -> None:
    public_pem = (
        server.keys["k1"]
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    claims = jwt.decode(server.token(), options={"verify_signature": False})
    # PyJWT itself refuses a PEM as an HMAC secret, so sign the HS256 token by hand
    header = jwt.utils.base64url_encode(json.dumps({"alg": "HS256", "kid": "k1"}).encode())
    body = jwt.utils.base64url_encode(json.dumps(claims).encode())
    mac = hmac.new(public_pem, header + b"." + body, hashlib.sha256).digest()
    token = (header + b"." + body + b"." + jwt.utils.base64url_encode(mac)).decode()
    with pytest.raises(TokenRejectedError, match="'HS256' is not accepted"):
        await verifier.user_id(token)


@pytest.mark.parametrize(
    ("changes", "reason"),
    [({"aud": "someone-else"}, "wrong audience"), ({"iss": "https://evil"}, "wrong issuer")],
)
async def test_wrong_audience_or_issuer_is_refused(
    server: KeyServer, verifier: TokenVerifier, changes: dict[str, str], reason: str
) -> None:
    with pytest.raises(TokenRejectedError, match=reason):
        await verifier.user_id(server.token(**changes))


async def test_garbage_is_refused(verifier: TokenVerifier) -> None:
    with pytest.raises(TokenRejectedError, match="malformed"):
        await verifier.user_id("not-a-token")


async def test_unknown_kid_refetches_at_most_once_per_interval(
    server: KeyServer, verifier: TokenVerifier, clock: FakeClock
) -> None:
    await verifier.user_id(server.token())
    assert server.fetches == 1
    server.keys["k2"] = Ed25519PrivateKey.generate()
    rotated = server.token("k2")
    with pytest.raises(TokenRejectedError, match="unknown key id"):
        await verifier.user_id(rotated)  # too soon after the last fetch
    assert server.fetches == 1
    clock.t += 31
    assert await verifier.user_id(rotated) == USER
    assert server.fetches == 2
    for _ in range(5):
        with pytest.raises(TokenRejectedError, match="unknown key id"):
            await verifier.user_id(server_token_with_kid(server, "made-up"))
    assert server.fetches == 2


def server_token_with_kid(server: KeyServer, kid: str) -> str:
    claims = jwt.decode(server.token(), options={"verify_signature": False})
    return jwt.encode(claims, server.keys["k1"], algorithm="EdDSA", headers={"kid": kid})


async def test_auth_down_at_first_use_is_unavailable_not_a_rejection(
    server: KeyServer, verifier: TokenVerifier
) -> None:
    server.down = True
    with pytest.raises(JwksUnavailableError):
        await verifier.user_id(server.token())


async def test_stale_keys_keep_working_while_auth_is_down(
    server: KeyServer, verifier: TokenVerifier, clock: FakeClock
) -> None:
    token = server.token()
    await verifier.user_id(token)
    server.down = True
    clock.t += 400  # past max age
    assert await verifier.user_id(token) == USER
