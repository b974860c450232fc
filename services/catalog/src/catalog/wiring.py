"""The catalog's long-lived parts, built once in the lifespan and handed to handlers."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx

from catalog.config import Settings
from catalog.gear.library import GearLibrary
from catalog.tone3000.access import Tone3000Access
from catalog.tone3000.importer import Tone3000Importer
from catalog.tone3000.tokens import Tone3000Tokens
from gts_kit.blobs.nats_store import NatsObjectBlobStore
from gts_kit.rate_limit import TokenBucketLimiter
from gts_kit.service import Resource, ServiceContext, provide_part
from gts_tone3000 import Tone3000Client, Tone3000Config


@dataclass(frozen=True)
class Catalog:
    """What the handlers use: the settings, the library, TONE3000 access, the importer and
    the per-user limit on uploads and imports (this replica's buckets)."""

    settings: Settings
    library: GearLibrary
    tone3000: Tone3000Access
    importer: Tone3000Importer
    uploads: TokenBucketLimiter


def catalog_resource(settings: Settings) -> Resource:
    """The lifespan resource that builds the `Catalog` (blob bucket, HTTP client, tokens)."""

    @contextlib.asynccontextmanager
    async def resource(ctx: ServiceContext) -> AsyncIterator[None]:
        blobs = await NatsObjectBlobStore.open(
            ctx.js, settings.gear_bucket, replicas=settings.nats_replicas
        )
        assert ctx.outbox is not None
        library = GearLibrary(ctx.db(), ctx.outbox, blobs, settings.gear_quotas)
        async with httpx.AsyncClient() as http:
            client = Tone3000Client(
                http,
                Tone3000Config(
                    client_id=settings.tone3000_client_id, base_url=settings.tone3000_api_url
                ),
            )
            tokens = Tone3000Tokens(ctx.broker, settings.token_timeout_seconds)
            access = Tone3000Access(client, tokens)
            importer = Tone3000Importer(
                access, library, settings.file_limits, settings.import_concurrency
            )
            uploads = TokenBucketLimiter(
                settings.upload_rate_per_minute, settings.upload_rate_burst
            )
            ctx.parts.put(Catalog(settings, library, access, importer, uploads))
            yield

    return resource


DEPENDENCIES = {"catalog": provide_part(Catalog)}
