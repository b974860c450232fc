"""The gateway's mount points: every public prefix goes to the forwarder."""

from __future__ import annotations

from litestar import asgi
from litestar.types import Receive, Scope, Send

from gateway.edge import Edge


async def _forward(scope: Scope, receive: Receive, send: Send) -> None:
    edge: Edge = scope["app"].state.ctx.parts.get(Edge)
    # A mount sees its path with the prefix stripped; forward the full path the client sent.
    full = dict(scope)
    full["path"] = scope["raw_path"].decode("latin-1").split("?", 1)[0]
    await edge.forwarder(full, receive, send)  # type: ignore[arg-type]


api_mount = asgi("/api/v1", is_mount=True, copy_scope=True)(_forward)
auth_mount = asgi("/auth", is_mount=True, copy_scope=True)(_forward)
jwks_mount = asgi("/.well-known", is_mount=True, copy_scope=True)(_forward)
