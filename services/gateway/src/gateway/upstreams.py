"""The gateway's HTTP client to its upstreams, and their place in `/health/ready`."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable
from http.cookiejar import CookieJar, DefaultCookiePolicy

import httpx

from gateway.config import Settings
from gateway.proxy.forward import upstream_session
from gts_kit.http.health import ReadinessCheck
from gts_kit.service import ServiceContext


@contextlib.asynccontextmanager
async def upstream_client(ctx: ServiceContext) -> AsyncIterator[None]:
    """Pooled HTTP clients to the upstreams, closed at shutdown: `http` for the gateway's own
    calls, `forward_http` for the proxied requests."""
    settings = ctx.settings
    assert isinstance(settings, Settings)
    client = httpx.AsyncClient(
        timeout=httpx.Timeout(settings.upstream_timeout_seconds, connect=3.0),
        limits=httpx.Limits(max_connections=512, max_keepalive_connections=128),
        follow_redirects=False,
        # one client serves every user: it must never keep one user's cookies for the next
        cookies=CookieJar(policy=DefaultCookiePolicy(allowed_domains=[])),
    )
    forward = upstream_session(settings.upstream_timeout_seconds)
    ctx.extras["http"] = client
    ctx.extras["forward_http"] = forward
    try:
        yield
    finally:
        await forward.close()
        await client.aclose()


def upstream_check(base_url: str) -> Callable[[ServiceContext], ReadinessCheck]:
    """Ready when the upstream's own `/health/ready` answers 200 (`base_url`: its internal
    port, where that answers)."""

    def make(ctx: ServiceContext) -> ReadinessCheck:
        async def check() -> str | None:
            client: httpx.AsyncClient = ctx.extras["http"]
            try:
                response = await client.get(base_url + "/health/ready", timeout=1.5)
            except httpx.HTTPError as exc:
                return f"unreachable: {type(exc).__name__}"
            return None if response.status_code == 200 else f"answered {response.status_code}"

        return check

    return make
