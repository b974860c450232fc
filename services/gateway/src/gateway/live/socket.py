"""`WS /ws` and `POST /api/v1/ws-ticket`: a signed-in user follows their own jobs live.

Close codes: 4001 when the socket is not authenticated, 4004 when the job is not theirs
(or does not exist), 4400 for a message that is not a valid subscribe.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import msgspec
from litestar import Request, WebSocket, post, websocket
from litestar.exceptions import WebSocketDisconnect
from litestar.types import Scope

from gateway.live.hub import Listener, LiveHub
from gateway.live.tickets import TicketBook
from gts_kit.errors import UnauthorizedError
from gts_kit.http.identity import sign_identity
from gts_kit.service import ServiceContext
from gts_kit.tasks import stop_task

# Given a connection scope, the user its access token (cookie or Bearer) proves, or None.
Authenticate = Callable[[Scope], Awaitable[uuid.UUID | None]]

CLOSE_UNAUTHENTICATED = 4001
CLOSE_NOT_YOURS = 4004
CLOSE_BAD_MESSAGE = 4400


class Subscribe(msgspec.Struct, forbid_unknown_fields=True):
    """A client message: follow this job."""

    type: str
    job_id: uuid.UUID


class WsTicket(msgspec.Struct):
    """A single-use ticket for `WS /ws?ticket=...`, valid for `expires_in` seconds."""

    ticket: str
    expires_in: int


async def _caller(ctx: ServiceContext, scope: Scope) -> uuid.UUID | None:
    authenticate: Authenticate | None = ctx.extras.get("authenticate")
    return await authenticate(scope) if authenticate is not None else None


@post("/api/v1/ws-ticket", tags=["live"], status_code=201)
async def issue_ws_ticket(request: Request[Any, Any, Any]) -> WsTicket:
    """A ticket that authenticates one WebSocket connection (for clients without cookies)."""
    ctx: ServiceContext = request.app.state.ctx
    user_id = await _caller(ctx, request.scope)
    if user_id is None:
        raise UnauthorizedError("sign in required")
    book: TicketBook = ctx.extras["tickets"]
    ticket, ttl = book.issue(user_id)
    return WsTicket(ticket=ticket, expires_in=ttl)


@websocket("/ws")
async def live_socket(socket: WebSocket[Any, Any, Any]) -> None:
    """Follow jobs: send `{"type": "subscribe", "job_id": ...}`; receive their events in order."""
    ctx: ServiceContext = socket.app.state.ctx
    await socket.accept()
    ticket = socket.query_params.get("ticket")
    book: TicketBook = ctx.extras["tickets"]
    user_id = book.redeem(ticket) if ticket else await _caller(ctx, socket.scope)
    if user_id is None:
        await socket.close(code=CLOSE_UNAUTHENTICATED, reason="sign in required")
        return
    hub: LiveHub = ctx.extras["live_hub"]
    listener = Listener(user_id)
    hub.add(listener)
    sender = asyncio.create_task(_send_events(socket, listener))
    try:
        while True:
            raw = await socket.receive_data(mode="text")
            try:
                message = msgspec.json.decode(raw, type=Subscribe)
                if message.type != "subscribe":
                    raise ValueError(message.type)
            except (msgspec.DecodeError, msgspec.ValidationError, ValueError):
                await socket.close(code=CLOSE_BAD_MESSAGE, reason="expected a subscribe message")
                return
            listener.jobs.add(message.job_id)
            job = await _job_of(ctx, user_id, message.job_id)
            if job is None:
                listener.jobs.discard(message.job_id)
                await socket.close(code=CLOSE_NOT_YOURS, reason="no such job")
                return
            listener.offer({"event": "subscribed", "job_id": str(message.job_id), "job": job})
    except WebSocketDisconnect:
        pass
    finally:
        hub.remove(listener)
        await stop_task(sender)


async def _send_events(socket: WebSocket[Any, Any, Any], listener: Listener) -> None:
    with contextlib.suppress(WebSocketDisconnect, RuntimeError):
        while True:
            await socket.send_json(await listener.queue.get())


async def _job_of(ctx: ServiceContext, user_id: uuid.UUID, job_id: uuid.UUID) -> Any | None:
    """The job as its owner sees it (from shootouts), or None when it is not this user's."""
    client: httpx.AsyncClient = ctx.extras["http"]
    base: str = ctx.extras["shootouts_url"]
    path = f"/api/v1/jobs/{job_id}"
    headers = {k.decode(): v.decode() for k, v in sign_identity(
        ctx.settings.internal_secret, user_id, "GET", path
    )}  # fmt: skip
    response = await client.get(base + path, headers=headers, timeout=5)
    return response.json() if response.status_code == 200 else None
