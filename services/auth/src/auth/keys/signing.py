"""Ed25519 signing keys for GTS access tokens: one signs, all are published in the JWKS."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import jwt
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import load_pem_private_key
from jwt.algorithms import OKPAlgorithm

ALGORITHM = "EdDSA"
AUDIENCE = "gts"
K = TypeVar("K")


class KeyConfigError(ValueError):
    """The configured keys are unusable; the message names the variable and the reason."""


@dataclass(frozen=True)
class KeyRing(Generic[K]):
    """How a service's keys are configured: the settings of the keys (a JSON map of key id to
    `expected`) and of the current key id, and how one key's text is loaded (`load` raises
    KeyConfigError saying what is wrong with it)."""

    keys_variable: str
    current_variable: str
    expected: str
    load: Callable[[str], K]

    def load_all(self, texts: dict[str, str], current_kid: str | None) -> tuple[dict[str, K], str]:
        """Every listed key, loaded, and the current key id: `current_kid`, else the last id in
        sorted order."""
        if not texts:
            raise KeyConfigError(f"{self.keys_variable}: required, {self.expected}")
        keys: dict[str, K] = {}
        for kid, text in texts.items():
            try:
                keys[kid] = self.load(text)
            except KeyConfigError as exc:
                raise KeyConfigError(f"{self.keys_variable}: key {kid!r} {exc}") from exc
        current = current_kid if current_kid is not None else sorted(texts)[-1]
        if current not in keys:
            raise KeyConfigError(f"{self.current_variable}: {current!r} is not a listed key")
        return keys, current


def _ed25519_key(pem: str) -> Ed25519PrivateKey:
    try:
        key = load_pem_private_key(pem.encode(), password=None)
    except (ValueError, TypeError) as exc:
        raise KeyConfigError("is not a PEM") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyConfigError("is not Ed25519")
    return key


@dataclass(frozen=True)
class IssuedAccessToken:
    """A signed access token and when it dies (unix seconds)."""

    token: str
    expires_at: int
    ttl_seconds: int


_SIGNING_KEYS = KeyRing(
    "GTS_JWT_PRIVATE_KEYS", "GTS_JWT_CURRENT_KID", "a JSON map of key id -> PEM", _ed25519_key
)


class SigningKeys:
    """The key ring: `current_kid` signs; every key (previous, current, next) is published."""

    def __init__(self, pems: dict[str, str], current_kid: str | None = None) -> None:
        self._keys, self.current_kid = _SIGNING_KEYS.load_all(pems, current_kid)

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
