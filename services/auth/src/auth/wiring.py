"""What the auth handlers share beyond the kit's context: keys, the cipher, TONE3000."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
from litestar.datastructures import State

from auth.config import Settings
from auth.domain.token_keeper import TokenKeeper
from auth.keys.grant_cipher import GrantCipher
from auth.keys.signing import SigningKeys
from gts_kit.service import Resource, ServiceContext
from gts_tone3000 import Tone3000Client, Tone3000Config


@dataclass
class AuthRuntime:
    """Settings, key rings and the TONE3000 client of one auth process."""

    settings: Settings
    keys: SigningKeys
    cipher: GrantCipher
    ctx: ServiceContext
    tone3000: Tone3000Client
    keeper: TokenKeeper


def build_keys(settings: Settings) -> tuple[SigningKeys, GrantCipher]:
    """The key rings from the settings; KeyConfigError names the variable at fault."""
    keys = SigningKeys(settings.jwt_private_keys, settings.jwt_current_kid)
    cipher = GrantCipher(settings.token_encryption_keys, settings.token_encryption_current_kid)
    return keys, cipher


def runtime_resource(settings: Settings, keys: SigningKeys, cipher: GrantCipher) -> Resource:
    """The lifespan resource that opens the TONE3000 client and publishes the runtime."""

    @contextlib.asynccontextmanager
    async def resource(ctx: ServiceContext) -> AsyncIterator[None]:
        config = Tone3000Config(
            client_id=settings.tone3000_client_id, base_url=settings.tone3000_api_url
        )
        timeout = httpx.Timeout(config.read_timeout_s, connect=config.connect_timeout_s)
        async with httpx.AsyncClient(timeout=timeout, follow_redirects=False) as http:
            client = Tone3000Client(http, config)
            keeper = TokenKeeper(ctx.db(), cipher, client, settings.tone3000_refresh_margin_seconds)
            ctx.parts.put(keeper)
            ctx.parts.put(AuthRuntime(settings, keys, cipher, ctx, client, keeper))
            yield

    return resource


def provide_runtime(state: State) -> AuthRuntime:
    """Dependency `auth`: the process's AuthRuntime."""
    ctx: ServiceContext = state.ctx
    return ctx.parts.get(AuthRuntime)
