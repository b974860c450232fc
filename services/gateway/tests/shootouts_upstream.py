"""A stand-in for shootouts' `GET /api/v1/shootouts/{id}`: 200 to the shootout's owner, 404
to anyone else, 401 without a valid signed identity; served by uvicorn on the loopback."""

from __future__ import annotations

import contextlib
import uuid

from litestar.types import ASGIApp, Receive, Scope, Send

from gts_kit.errors import UnauthorizedError
from gts_kit.http.identity import verify_identity

from .asgi import send_json, serve_on_thread

PREFIX = "/api/v1/shootouts/"


def shootouts_app(secret: str, owners: dict[uuid.UUID, uuid.UUID]) -> ASGIApp:
    """The app; `owners` maps shootout id to its owner."""

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        headers = {k.decode(): v.decode() for k, v in scope["headers"]}
        try:
            user = verify_identity(secret, headers, scope["method"], scope["path"])
        except UnauthorizedError:
            user = None
        status = 401
        if user is not None:
            shootout = scope["path"].removeprefix(PREFIX)
            known = scope["path"].startswith(PREFIX) and owners.get(uuid.UUID(shootout)) == user
            status = 200 if known else 404
        body = b'{"found": true}' if status == 200 else b"{}"
        await send_json(send, status, body)

    return app


def serve_shootouts(
    secret: str, owners: dict[uuid.UUID, uuid.UUID]
) -> contextlib.AbstractContextManager[str]:
    """Serve the stand-in on its own thread and loop; yields its base URL."""
    return serve_on_thread(shootouts_app(secret, owners))
