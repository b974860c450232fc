"""Builds what the gateway's routes use, once at start-up: the `Edge` (its clients, the
`Clients`, come from `upstreams`)."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from gateway.config import Settings
from gateway.edge import Edge
from gateway.live.tickets import TicketBook, used_tickets
from gateway.openapi import MergedOpenAPI
from gateway.proxy.forward import Forwarder
from gateway.security.identify import authenticate_with, identify_with
from gateway.security.jwks import JwksCache
from gateway.security.origins import allowed_origins
from gateway.security.rate_limit import AuthRateLimit, TokenBucketLimiter
from gateway.security.tokens import TokenVerifier
from gateway.upstreams import Clients
from gts_kit.service import Resource, ServiceContext


def edge_resource(settings: Settings) -> Resource:
    """The lifespan resource that builds the `Edge` from the settings and the clients."""
    upstreams = settings.upstreams()

    @contextlib.asynccontextmanager
    async def resource(ctx: ServiceContext) -> AsyncIterator[None]:
        clients = ctx.parts.get(Clients)
        jwks = JwksCache(
            clients.own,
            upstreams["auth"] + "/.well-known/jwks.json",
            max_age_seconds=settings.jwks_max_age_seconds,
            min_refetch_seconds=settings.jwks_min_refetch_seconds,
        )
        verifier = TokenVerifier(jwks, settings.public_url)
        identify = identify_with(verifier, settings.internal_secret)
        forwarder = Forwarder(
            clients.forward, upstreams, settings.max_body_bytes, identify=identify
        )
        limiter = TokenBucketLimiter(
            settings.auth_rate_limit_per_minute, settings.auth_rate_limit_burst
        )
        ctx.parts.put(
            Edge(
                authenticate=authenticate_with(verifier),
                forwarder=AuthRateLimit(forwarder, limiter),
                openapi=MergedOpenAPI(clients.own, upstreams),
                shootouts_url=upstreams["shootouts"],
                tickets=TicketBook(
                    settings.internal_secret, await used_tickets(ctx.js, settings.nats_replicas)
                ),
                ws_origins=allowed_origins(settings.public_url, settings.ws_allowed_origins),
                listener_limiter=TokenBucketLimiter(
                    settings.listener_rate_limit_per_minute, settings.listener_rate_limit_burst
                ),
            )
        )
        yield

    return resource
