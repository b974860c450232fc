"""A stand-in for auth's signing side: an Ed25519 key, its JWKS served on the loopback, tokens."""

from __future__ import annotations

import contextlib
import json
import threading
import time
import uuid
from collections.abc import Iterator
from typing import Any

import jwt
import uvicorn
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from jwt.algorithms import OKPAlgorithm
from litestar.types import Receive, Scope, Send

from gts_kit.local.ports import free_port

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
        await send(
            {
                "type": "http.response.start",
                "status": 200 if found else 404,
                "headers": [(b"content-type", b"application/json")],
            }
        )
        await send({"type": "http.response.body", "body": body if found else b"{}"})

    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error", lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    issuer.url = f"http://127.0.0.1:{port}"
    try:
        yield issuer
    finally:
        server.should_exit = True
        thread.join(timeout=5)
