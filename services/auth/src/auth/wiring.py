"""What the auth handlers share beyond the kit's context: keys, the cipher, TONE3000."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx

from auth.config import Settings
from auth.domain.accounts import Accounts
from auth.domain.token_keeper import TokenKeeper
from auth.keys.grant_cipher import GrantCipher
from auth.keys.signing import SigningKeys
from gts_kit.service import Resource, ServiceContext, provide_part
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
    accounts: Accounts


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
            assert ctx.outbox is not None  # a service with tables always has one
            accounts = Accounts(ctx.db(), ctx.outbox, cipher)
            ctx.parts.put(AuthRuntime(settings, keys, cipher, ctx, client, keeper, accounts))
            yield

    return resource


DEPENDENCIES = {"auth": provide_part(AuthRuntime)}
