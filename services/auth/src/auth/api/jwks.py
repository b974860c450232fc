"""`GET /.well-known/jwks.json`: the public keys that verify GTS access tokens."""

from __future__ import annotations

from typing import Any

from litestar import Response, get

from auth.wiring import AuthRuntime

# verifiers cache the set; a new key is published a rotation ahead, so minutes are fine
CACHE_SECONDS = 300


@get("/.well-known/jwks.json", summary="JSON Web Key Set of the access-token signing keys")
async def jwks(auth: AuthRuntime) -> Response[dict[str, Any]]:
    """Current, next and previous Ed25519 public keys (RFC 7517)."""
    return Response(auth.keys.jwks(), headers={"Cache-Control": f"public, max-age={CACHE_SECONDS}"})
