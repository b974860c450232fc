"""The gateway's HTTP clients to its upstreams, its own calls' one helper, and the upstreams'
place in `/health/ready`."""

from __future__ import annotations

import contextlib
import json
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass
from typing import Any

import aiohttp

from gateway.config import Settings
from gateway.proxy.forward import upstream_session
from gts_kit.http.health import ReadinessCheck
from gts_kit.service import ServiceContext

# What an upstream call raises when the upstream cannot be reached, breaks off or is too slow.
UPSTREAM_ERRORS = (aiohttp.ClientError, TimeoutError)


@dataclass(frozen=True)
class Clients:
    """Pooled HTTP clients to the upstreams: `own` for the gateway's own calls, `forward` for
    the proxied requests. Two pools of the same kind, so the gateway's own calls (readiness,
    JWKS) never queue behind proxied traffic."""

    own: aiohttp.ClientSession
    forward: aiohttp.ClientSession


@contextlib.asynccontextmanager
async def upstream_client(ctx: ServiceContext) -> AsyncIterator[None]:
    """The `Clients`, closed at shutdown."""
    settings = ctx.settings
    assert isinstance(settings, Settings)
    client = upstream_session(settings.upstream_timeout_seconds)
    forward = upstream_session(settings.upstream_timeout_seconds)
    ctx.parts.put(Clients(client, forward))
    try:
        yield
    finally:
        await forward.close()
        await client.close()


async def get_json(
    client: aiohttp.ClientSession,
    url: str,
    *,
    timeout_seconds: float,
    headers: Mapping[str, str] | None = None,
) -> tuple[int, Any]:
    """GET `url` for the gateway itself: the status and, for a 2xx answer, the JSON body (None
    for any other status). Redirects are not followed; `timeout_seconds` bounds the whole
    exchange. Raises one of UPSTREAM_ERRORS when the upstream fails, ValueError when a 2xx
    body is not JSON."""
    async with client.get(
        url,
        headers=headers,
        allow_redirects=False,
        timeout=aiohttp.ClientTimeout(total=timeout_seconds),
    ) as response:
        if not 200 <= response.status < 300:
            return response.status, None
        return response.status, json.loads(await response.read())


def upstream_check(base_url: str) -> Callable[[ServiceContext], ReadinessCheck]:
    """Ready when the upstream's own `/health/ready` answers 200 (`base_url`: its internal
    port, where that answers)."""

    def make(ctx: ServiceContext) -> ReadinessCheck:
        async def check() -> str | None:
            client = ctx.parts.get(Clients).own
            try:
                async with client.get(
                    base_url + "/health/ready",
                    allow_redirects=False,
                    timeout=aiohttp.ClientTimeout(total=1.5),
                ) as response:
                    status = response.status
            except UPSTREAM_ERRORS as exc:
                return f"unreachable: {type(exc).__name__}"
            return None if status == 200 else f"answered {status}"

        return check

    return make
