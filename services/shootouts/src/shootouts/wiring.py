"""The service's long-lived parts, built once in the lifespan and handed to handlers."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass

from gts_kit.blobs.nats_store import NatsObjectBlobStore
from gts_kit.rate_limit import TokenBucketLimiter
from gts_kit.service import Resource, ServiceContext, provide_part
from shootouts.chains.groups import ChainGroups
from shootouts.chains.service import SignalChains
from shootouts.config import Settings
from shootouts.di.tracks import DITracks
from shootouts.jobs.service import RenderJobs
from shootouts.listening.service import Listening
from shootouts.shootout.service import Shootouts


@dataclass(frozen=True)
class Domain:
    """What the handlers use."""

    settings: Settings
    di: DITracks
    chains: SignalChains
    groups: ChainGroups
    shootouts: Shootouts
    jobs: RenderJobs
    outputs: NatsObjectBlobStore
    listening: Listening


def domain_resource(settings: Settings) -> Resource:
    """The lifespan resource that opens the buckets and builds the `Domain`."""

    @contextlib.asynccontextmanager
    async def resource(ctx: ServiceContext) -> AsyncIterator[None]:
        replicas = settings.nats_replicas
        di_blobs = await NatsObjectBlobStore.open(ctx.js, settings.di_bucket, replicas=replicas)
        # render owns this bucket; opening creates it empty when render has not yet
        output_blobs = await NatsObjectBlobStore.open(
            ctx.js, settings.outputs_bucket, replicas=replicas
        )
        assert ctx.outbox is not None
        sessions = ctx.db()
        domain = Domain(
            settings=settings,
            di=DITracks(
                sessions,
                di_blobs,
                settings.max_di_seconds,
                settings.quotas,
                TokenBucketLimiter(settings.upload_rate_per_minute, settings.upload_rate_burst),
            ),
            chains=SignalChains(sessions, settings.quotas.signal_chains),
            groups=ChainGroups(sessions, settings.max_group_chains, settings.quotas),
            shootouts=Shootouts(sessions, ctx.reads(), settings.quotas.shootouts),
            jobs=RenderJobs(sessions, ctx.outbox, settings.render_limits),
            outputs=output_blobs,
            listening=Listening.build(
                sessions,
                TokenBucketLimiter(
                    settings.listening_rate_per_minute, settings.listening_rate_burst
                ),
                ctx.outbox,
            ),
        )
        ctx.parts.put(domain)
        yield

    return resource


DEPENDENCIES = {"domain": provide_part(Domain)}
