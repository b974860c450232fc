"""The gateway's test fixtures: the stand-in for auth's token signing, and a verifier of its
tokens."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import aiohttp
import pytest

from gateway.config import Settings
from gateway.security.jwks import JwksCache
from gateway.security.tokens import TokenVerifier
from gts_kit.local.ports import free_port

from .token_issuer import ISSUER, Issuer, serve_issuer


@pytest.fixture(scope="module")
def issuer() -> Iterator[Issuer]:
    """Signs the access tokens the /api/v1 paths need, and serves the JWKS as auth would."""
    with serve_issuer() as running:
        yield running


@pytest.fixture
async def verifier(issuer: Issuer) -> AsyncIterator[TokenVerifier]:
    """Checks tokens against the issuer's JWKS, as the gateway does."""
    async with aiohttp.ClientSession() as client:
        jwks = JwksCache(client, issuer.url + "/.well-known/jwks.json")
        yield TokenVerifier(jwks, ISSUER)


def settings_for(nats_url: str, **fields: Any) -> Settings:
    """The gateway's settings on `nats_url` with `fields`; each upstream (auth, catalog,
    shootouts, render) that `fields` does not name is an address nothing listens on."""
    dead = f"http://127.0.0.1:{free_port()}"
    upstreams = {f"{name}_url": dead for name in ("auth", "catalog", "shootouts", "render")}
    return Settings(**{"nats_url": nats_url, **upstreams, **fields})
