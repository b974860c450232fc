"""A stand-in for auth's signing side: an Ed25519 key, its JWKS served on the loopback, tokens."""

from __future__ import annotations

import contextlib
import json
import time
import uuid
from collections.abc import Iterator
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from jwt.algorithms import OKPAlgorithm
from litestar.types import Receive, Scope, Send

from .asgi import send_json, serve_on_thread

ISSUER = "http://127.0.0.1:8000"  # the gateway's default public URL


class Issuer:
    """Signs access tokens the way auth does, and serves its JWKS as `url`."""

    def __init__(self) -> None:
        self.key = Ed25519PrivateKey.generate()
        self.kid = "test-key"
        self.url = ""

    def jwks(self) -> dict[str, Any]:
        jwk = json.loads(OKPAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [{**jwk, "kid": self.kid, "alg": "EdDSA", "use": "sig"}]}

    def token(self, user_id: uuid.UUID | None = None, **changes: Any) -> str:
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": ISSUER, "aud": "gts", "sub": str(user_id or uuid.uuid4()), "iat": now,
            "exp": now + 900, "jti": str(uuid.uuid4()),
        }  # fmt: skip
        claims.update(changes)
        return jwt.encode(claims, self.key, algorithm="EdDSA", headers={"kid": self.kid})

    def bearer(self, user_id: uuid.UUID | None = None) -> dict[str, str]:
        return {"authorization": f"Bearer {self.token(user_id)}"}


@contextlib.contextmanager
def serve_issuer() -> Iterator[Issuer]:
    """An Issuer whose JWKS answers at `issuer.url + /.well-known/jwks.json` on its own thread."""
    issuer = Issuer()
    body = json.dumps(issuer.jwks()).encode()

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        found = scope["path"] == "/.well-known/jwks.json"
        await send_json(send, 200 if found else 404, body if found else b"{}")

    with serve_on_thread(app) as url:
        issuer.url = url
        yield issuer
