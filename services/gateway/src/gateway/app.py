"""The gateway's Litestar app: the only entry for clients."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

from litestar import Litestar

from gateway.config import Settings
from gateway.live.feed import live_feed
from gateway.live.socket import allowed_origins, issue_ws_ticket, live_socket
from gateway.live.tickets import TicketBook, used_tickets
from gateway.openapi import MergedOpenAPI, openapi_json
from gateway.proxy.forward import Forwarder
from gateway.proxy.mounts import api_mount, auth_mount, jwks_mount
from gateway.reference_page import docs_asset, docs_page
from gateway.security.identify import authenticate_with, identify_with
from gateway.security.jwks import JwksCache
from gateway.security.listener import issue_listener
from gateway.security.rate_limit import AuthRateLimit, TokenBucketLimiter
from gateway.security.tokens import TokenVerifier
from gateway.upstreams import upstream_check, upstream_client
from gateway.web_app import web_app_handlers
from gts_kit.service import ServiceContext, ServiceSpec, create_service_app
from gts_kit.settings import load_settings


def create_app(settings: Settings | None = None) -> Litestar:
    """The gateway, wired by the kit."""
    settings = settings or load_settings(Settings)
    upstreams = settings.upstreams()

    @contextlib.asynccontextmanager
    async def proxy(ctx: ServiceContext) -> AsyncIterator[None]:
        client = ctx.extras["http"]
        jwks = JwksCache(
            client,
            upstreams["auth"] + "/.well-known/jwks.json",
            max_age_seconds=settings.jwks_max_age_seconds,
            min_refetch_seconds=settings.jwks_min_refetch_seconds,
        )
        verifier = TokenVerifier(jwks, settings.public_url)
        identify = identify_with(verifier, settings.internal_secret)
        forwarder = Forwarder(
            ctx.extras["forward_http"], upstreams, settings.max_body_bytes, identify=identify
        )
        limiter = TokenBucketLimiter(
            settings.auth_rate_limit_per_minute, settings.auth_rate_limit_burst
        )
        ctx.extras["jwks"] = jwks
        ctx.extras["authenticate"] = authenticate_with(verifier)
        ctx.extras["forwarder"] = AuthRateLimit(forwarder, limiter)
        ctx.extras["openapi"] = MergedOpenAPI(client, upstreams)
        ctx.extras["shootouts_url"] = upstreams["shootouts"]
        ctx.extras["tickets"] = TicketBook(
            settings.internal_secret, await used_tickets(ctx.js, settings.nats_replicas)
        )
        ctx.extras["ws_origins"] = allowed_origins(settings.public_url, settings.ws_allowed_origins)
        ctx.extras["listener_limiter"] = TokenBucketLimiter(
            settings.listener_rate_limit_per_minute, settings.listener_rate_limit_burst
        )
        yield

    spec = ServiceSpec(
        name="gateway",
        settings=settings,
        route_handlers=[
            openapi_json,
            docs_page,
            docs_asset,
            issue_ws_ticket,
            issue_listener,
            live_socket,
            api_mount,
            auth_mount,
            jwks_mount,
            *(web_app_handlers(Path(settings.web_dir)) if settings.web_dir else []),
        ],
        resources=[upstream_client, proxy, live_feed],
        readiness={
            name: upstream_check(url) for name, url in settings.internal_upstreams().items()
        },
        description="The only entry for clients: proxies the public API to the services.",
    )
    return create_service_app(spec)
