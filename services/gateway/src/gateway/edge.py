"""What the gateway's routes use, found by type in the service's parts (built by `wiring`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the modules that use an Edge are among those these import
    from gateway.live.tickets import TicketBook
    from gateway.openapi import MergedOpenAPI
    from gateway.proxy.forward import Forwarder
    from gateway.security.identify import Authenticate
    from gateway.security.rate_limit import AuthRateLimit, TokenBucketLimiter


@dataclass(frozen=True)
class Edge:
    """The gateway's checks and routes: who the caller is, where requests go, WebSocket
    tickets and origins, the rate limits, the merged API description."""

    authenticate: Authenticate
    forwarder: AuthRateLimit | Forwarder
    openapi: MergedOpenAPI
    shootouts_url: str
    tickets: TicketBook
    ws_origins: frozenset[str]
    listener_limiter: TokenBucketLimiter
