"""Ed25519 signing keys for GTS access tokens: one signs, all are published in the JWKS."""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import load_pem_private_key
from jwt.algorithms import OKPAlgorithm

ALGORITHM = "EdDSA"
AUDIENCE = "gts"


class KeyConfigError(ValueError):
    """The configured keys are unusable; the message names the variable and the reason."""


@dataclass(frozen=True)
class IssuedAccessToken:
    """A signed access token and when it dies (unix seconds)."""

    token: str
    expires_at: int
    ttl_seconds: int


class SigningKeys:
    """The key ring: `current_kid` signs; every key (previous, current, next) is published."""

    def __init__(self, pems: dict[str, str], current_kid: str | None = None) -> None:
        if not pems:
            raise KeyConfigError("GTS_JWT_PRIVATE_KEYS: required, a JSON map of key id -> PEM")
        self._keys: dict[str, Ed25519PrivateKey] = {}
        for kid, pem in pems.items():
            try:
                key = load_pem_private_key(pem.encode(), password=None)
            except (ValueError, TypeError) as exc:
                raise KeyConfigError(f"GTS_JWT_PRIVATE_KEYS: key {kid!r} is not a PEM") from exc
            if not isinstance(key, Ed25519PrivateKey):
                raise KeyConfigError(f"GTS_JWT_PRIVATE_KEYS: key {kid!r} is not Ed25519")
            self._keys[kid] = key
        self.current_kid = current_kid if current_kid is not None else sorted(pems)[-1]
        if self.current_kid not in self._keys:
            raise KeyConfigError(f"GTS_JWT_CURRENT_KID: {self.current_kid!r} is not a listed key")

    def jwks(self) -> dict[str, Any]:
        """The public keys as a JWK Set (RFC 7517), current key first."""
        order = [self.current_kid, *sorted(k for k in self._keys if k != self.current_kid)]
        keys = []
        for kid in order:
            jwk: dict[str, Any] = json.loads(OKPAlgorithm.to_jwk(self._keys[kid].public_key()))
            keys.append({**jwk, "kid": kid, "alg": ALGORITHM, "use": "sig"})
        return {"keys": keys}

    def issue(
        self, user_id: uuid.UUID, issuer: str, ttl_seconds: int, now: float | None = None
    ) -> IssuedAccessToken:
        """A signed access token for `user_id`, valid `ttl_seconds` seconds."""
        issued_at = int(time.time() if now is None else now)
        claims = {
            "iss": issuer,
            "aud": AUDIENCE,
            "sub": str(user_id),
            "iat": issued_at,
            "exp": issued_at + ttl_seconds,
            "jti": str(uuid.uuid4()),
        }
        token = jwt.encode(
            claims, self._keys[self.current_kid], algorithm=ALGORITHM,
            headers={"kid": self.current_kid},
        )  # fmt: skip
        return IssuedAccessToken(token, issued_at + ttl_seconds, ttl_seconds)


def new_private_pem() -> str:
    """A fresh Ed25519 private key as PKCS#8 PEM (for `gts up` and tests)."""
    from cryptography.hazmat.primitives import serialization

    key = Ed25519PrivateKey.generate()
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
