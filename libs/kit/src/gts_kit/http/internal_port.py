"""Two ports, one app: the public port serves the API, the internal port health and metrics.

The ingress reaches only the public port. `/metrics` and `/health/ready` (which names every
dependency and its state) answer on the internal port only, for probes, Prometheus and the
gateway's readiness; `/health/live` answers on both (container health checks use the public
one). Elsewhere each answers 404, the same problem+json as a path that does not exist.
"""

from __future__ import annotations

from typing import Any, Literal

from litestar.exceptions import NotFoundException
from litestar.types import ASGIApp, Receive, Scope, Send

# A route handler's `opt` key saying where it answers; without it, the public port only.
SERVED_ON = "served_on"
ServedOn = Literal["public", "internal", "both"]


def served_on(where: ServedOn) -> dict[str, Any]:
    """The `opt` of a route handler that answers `where`."""
    return {SERVED_ON: where}


def internal_port_middleware(internal_port: int) -> Any:
    """ASGI middleware: 404 for a route on the port it does not answer on.

    The port is the one the connection came in on (`scope["server"]`); a connection with none
    (a Unix socket) is public.
    """

    def factory(app: ASGIApp) -> ASGIApp:
        async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
            if str(scope["type"]) in {"http", "websocket"}:
                server = scope.get("server")
                internal = server is not None and server[1] == internal_port
                where = scope["route_handler"].opt.get(SERVED_ON, "public")
                if where != "both" and (where == "internal") != internal:
                    raise NotFoundException()
            await app(scope, receive, send)

        return middleware

    return factory
