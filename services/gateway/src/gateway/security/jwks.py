"""The auth service's JWKS, cached: refetched when stale or on an unknown `kid`, at most once
per `min_refetch_seconds` so a flood of made-up key ids cannot hammer auth."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import Any

import aiohttp
import jwt

from gateway.upstreams import UPSTREAM_ERRORS, get_json

log = logging.getLogger("gts.gateway.jwks")

ACCEPTED_ALGORITHM = "EdDSA"


class JwksUnavailableError(Exception):
    """No key set could be fetched from auth yet."""


class JwksCache:
    """Ed25519 public keys by `kid`, fetched from `url` (seconds for every duration)."""

    def __init__(
        self,
        client: aiohttp.ClientSession,
        url: str,
        *,
        max_age_seconds: float = 300.0,
        min_refetch_seconds: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._client = client
        self._url = url
        self._max_age = max_age_seconds
        self._min_refetch = min_refetch_seconds
        self._clock = clock
        self._keys: dict[str, Any] = {}
        self._fetched_at: float | None = None
        self._lock = asyncio.Lock()
        self.fetches = 0

    async def key_for(self, kid: str) -> Any | None:
        """The public key with this id, or None when auth does not publish it."""
        if self._stale() or (kid not in self._keys and self._may_refetch()):
            async with self._lock:
                # another task may have fetched while this one waited for the lock
                if self._stale() or (kid not in self._keys and self._may_refetch()):
                    await self._fetch()
        if self._fetched_at is None:
            raise JwksUnavailableError("the auth key set could not be fetched")
        return self._keys.get(kid)

    def _stale(self) -> bool:
        return self._fetched_at is None or self._clock() - self._fetched_at >= self._max_age

    def _may_refetch(self) -> bool:
        return self._fetched_at is None or self._clock() - self._fetched_at >= self._min_refetch

    async def _fetch(self) -> None:
        self.fetches += 1
        try:
            status, document = await get_json(self._client, self._url, timeout_seconds=5.0)
        except (*UPSTREAM_ERRORS, ValueError) as exc:
            self._failed(f"{type(exc).__name__}: {exc}")
            return
        if not 200 <= status < 300:
            self._failed(f"answered {status}")
            return
        keys: dict[str, Any] = {}
        for jwk in document.get("keys", []) if isinstance(document, dict) else []:
            key = _ed25519_key(jwk)
            if key is not None:
                keys[jwk["kid"]] = key
        self._keys = keys
        self._fetched_at = self._clock()

    def _failed(self, reason: str) -> None:
        log.warning("JWKS fetch from %s failed: %s", self._url, reason)
        if self._fetched_at is not None:
            # keep serving the keys we have; try again after the refetch interval
            self._fetched_at = self._clock() - self._max_age + self._min_refetch


def _ed25519_key(jwk: Any) -> Any | None:
    # only Ed25519 signing keys with an id; anything else in the set is ignored
    if not isinstance(jwk, dict) or not isinstance(jwk.get("kid"), str):
        return None
    if jwk.get("kty") != "OKP" or jwk.get("crv") != "Ed25519":
        return None
    if jwk.get("alg", ACCEPTED_ALGORITHM) != ACCEPTED_ALGORITHM or jwk.get("use", "sig") != "sig":
        return None
    try:
        return jwt.PyJWK(jwk, algorithm=ACCEPTED_ALGORITHM).key
    except jwt.PyJWTError:
        return None
