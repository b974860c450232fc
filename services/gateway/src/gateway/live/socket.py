"""`WS /ws` and `POST /api/v1/ws-ticket`: a signed-in user follows their own jobs, and the
listening results of their own shootouts, live.

A client sends `{"type": "subscribe", "job_id": ...}` (first answer `subscribed` with the
job, then the job's events) or `{"type": "subscribe", "shootout_id": ...}` (first answer
`subscribed`, then a `listening` event on each vote or finished ABX run).

Close codes: 4003 when a browser opens the socket from a page of another origin (its `Origin`
is neither the gateway's `public_url` nor one of `ws_allowed_origins`; clients that send no
Origin, i.e. not browsers, authenticate by ticket or Bearer as usual); 4001 when the socket
is not authenticated, or when the access token that authenticated it expires ("session
expired"); 4004 when the job or shootout is not theirs (or does not exist), 4400 for a
message that is not a valid subscribe (naming neither or both of a job and a shootout).

A socket lives no longer than the access token it was opened with (cookie or Bearer; for a
ticket, the token the ticket was issued for). That is also how a logout reaches it: auth
revokes the refresh-token family, which the gateway cannot see (auth publishes no event for
it), so a socket of a signed-out session is closed when its access token expires, at most
the access token lifetime (15 minutes) after the logout. The web app renews its cookies and
reconnects after a 4001 while the session is still alive.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import uuid
from typing import Any

import msgspec
from litestar import Request, WebSocket, post, websocket
from litestar.exceptions import WebSocketDisconnect
from litestar.types import Scope

from gateway.edge import Edge
from gateway.live.hub import Listener, LiveHub
from gateway.security.origins import normalize_origin
from gateway.security.tokens import Session
from gateway.upstreams import Clients, get_json
from gts_kit.errors import UnauthorizedError
from gts_kit.http.identity import sign_identity
from gts_kit.service import ServiceContext
from gts_kit.tasks import stop_task

# Given a connection scope, the user its access token (cookie or Bearer) proves and that
# token's expiry, or None.

CLOSE_UNAUTHENTICATED = 4001
CLOSE_FOREIGN_ORIGIN = 4003
CLOSE_NOT_YOURS = 4004
CLOSE_BAD_MESSAGE = 4400


class Subscribe(msgspec.Struct, forbid_unknown_fields=True):
    """A client message: follow this job, or this shootout's listening results (one of the
    two)."""

    type: str
    job_id: uuid.UUID | None = None
    shootout_id: uuid.UUID | None = None


class WsTicket(msgspec.Struct):
    """A single-use ticket for `WS /ws?ticket=...`, valid for `expires_in` seconds."""

    ticket: str
    expires_in: int


async def _caller(ctx: ServiceContext, scope: Scope) -> Session | None:
    return await ctx.parts.get(Edge).authenticate(scope)


@post("/api/v1/ws-ticket", tags=["live"], status_code=201)
async def issue_ws_ticket(request: Request[Any, Any, Any]) -> WsTicket:
    """A ticket that authenticates one WebSocket connection (for clients without cookies)."""
    ctx: ServiceContext = request.app.state.ctx
    session = await _caller(ctx, request.scope)
    if session is None:
        raise UnauthorizedError("sign in required")
    ticket, ttl = ctx.parts.get(Edge).tickets.issue(session)
    return WsTicket(ticket=ticket, expires_in=ttl)


@websocket("/ws")
async def live_socket(socket: WebSocket[Any, Any, Any]) -> None:
    """Follow jobs or shootouts: send `{"type": "subscribe", "job_id": ...}` or
    `{"type": "subscribe", "shootout_id": ...}`; receive their events in order."""
    ctx: ServiceContext = socket.app.state.ctx
    edge = ctx.parts.get(Edge)
    await socket.accept()
    origin = socket.headers.get("origin")
    if origin is not None and normalize_origin(origin) not in edge.ws_origins:
        await socket.close(code=CLOSE_FOREIGN_ORIGIN, reason="origin not allowed")
        return
    ticket = socket.query_params.get("ticket")
    session = await edge.tickets.redeem(ticket) if ticket else await _caller(ctx, socket.scope)
    if session is None:
        await socket.close(code=CLOSE_UNAUTHENTICATED, reason="sign in required")
        return
    hub = ctx.parts.get(LiveHub)
    listener = Listener(session.user_id)
    hub.add(listener)
    sender = asyncio.create_task(_send_events(socket, listener))
    deadline = asyncio.timeout(session.expires_at - time.time())
    try:
        async with deadline:
            await _serve(socket, ctx, session.user_id, listener)
    except TimeoutError:
        if not deadline.expired():
            raise
    except WebSocketDisconnect:
        pass
    finally:
        hub.remove(listener)
        await stop_task(sender)
    if deadline.expired():  # nothing more is sent: the listener is gone before the close
        with contextlib.suppress(WebSocketDisconnect, RuntimeError):
            await socket.close(code=CLOSE_UNAUTHENTICATED, reason="session expired")


async def _serve(
    socket: WebSocket[Any, Any, Any], ctx: ServiceContext, user_id: uuid.UUID, listener: Listener
) -> None:
    """Answer subscribe messages until the client leaves or sends something else."""
    while True:
        raw = await socket.receive_data(mode="text")
        try:
            message = msgspec.json.decode(raw, type=Subscribe)
            if message.type != "subscribe":
                raise ValueError(message.type)
            if (message.job_id is None) == (message.shootout_id is None):
                raise ValueError("name one of job_id and shootout_id")
        except (msgspec.DecodeError, msgspec.ValidationError, ValueError):
            await socket.close(
                code=CLOSE_BAD_MESSAGE,
                reason="expected a subscribe message with a job_id or a shootout_id",
            )
            return
        # followed before the check, so no event between the check and the follow is lost
        if message.job_id is not None:
            listener.jobs.add(message.job_id)
            job = await _job_of(ctx, user_id, message.job_id)
            if job is None:
                listener.jobs.discard(message.job_id)
                await socket.close(code=CLOSE_NOT_YOURS, reason="no such job")
                return
            listener.offer({"event": "subscribed", "job_id": str(message.job_id), "job": job})
        elif message.shootout_id is not None:
            listener.shootouts.add(message.shootout_id)
            if not await _owns_shootout(ctx, user_id, message.shootout_id):
                listener.shootouts.discard(message.shootout_id)
                await socket.close(code=CLOSE_NOT_YOURS, reason="no such shootout")
                return
            listener.offer({"event": "subscribed", "shootout_id": str(message.shootout_id)})


async def _send_events(socket: WebSocket[Any, Any, Any], listener: Listener) -> None:
    with contextlib.suppress(WebSocketDisconnect, RuntimeError):
        while True:
            await socket.send_json(await listener.queue.get())


async def _job_of(ctx: ServiceContext, user_id: uuid.UUID, job_id: uuid.UUID) -> Any | None:
    """The job as its owner sees it (from shootouts), or None when it is not this user's."""
    status, job = await _shootouts_get(ctx, user_id, f"/api/v1/jobs/{job_id}")
    return job if status == 200 else None


async def _owns_shootout(ctx: ServiceContext, user_id: uuid.UUID, shootout_id: uuid.UUID) -> bool:
    """Whether the shootout is this user's: shootouts answers `GET /api/v1/shootouts/{id}`
    to its owner only (404 to anyone else, public shootouts included)."""
    status, _ = await _shootouts_get(ctx, user_id, f"/api/v1/shootouts/{shootout_id}")
    return status == 200


async def _shootouts_get(ctx: ServiceContext, user_id: uuid.UUID, path: str) -> tuple[int, Any]:
    """GET `path` from shootouts as `user_id`: the status and, for a 2xx, the JSON body."""
    client = ctx.parts.get(Clients).own
    base = ctx.parts.get(Edge).shootouts_url
    headers = {k.decode(): v.decode() for k, v in sign_identity(
        ctx.settings.internal_secret, user_id, "GET", path
    )}  # fmt: skip
    return await get_json(client, base + path, timeout_seconds=5, headers=headers)
