"""`auth.tone3000.token.get.v1`: every request gets exactly one reply, a token or a typed error.

Core NATS request-reply in queue group "auth", so each request reaches one replica. Each
request runs in its own task, so one slow TONE3000 refresh does not hold up other users.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from datetime import UTC

from nats.aio.client import Client as NatsClient
from nats.aio.msg import Msg

from auth.domain.token_keeper import TokenKeeper, TokenRefusal
from gts_contracts import (
    GetTone3000TokenV1,
    MessageDecodeError,
    Tone3000Token,
    Tone3000TokenError,
    Tone3000TokenErrorCode,
    Tone3000TokenReplyV1,
    decode,
    encode,
    spec_for,
)
from gts_kit.service import ServiceContext

log = logging.getLogger("gts.auth.responder")

SUBJECT = spec_for(GetTone3000TokenV1).subject
QUEUE_GROUP = "auth"
# a reply must come before the requester gives up; TONE3000 may be slow
ANSWER_TIMEOUT_SECONDS = 20.0


async def answer(keeper: TokenKeeper, data: bytes) -> Tone3000TokenReplyV1:
    """The reply to one encoded `GetTone3000TokenV1` request; never raises."""
    try:
        request = decode(data, GetTone3000TokenV1)
    except MessageDecodeError as exc:
        return _error("unknown_user", f"request unreadable: {exc}")
    try:
        token = await asyncio.wait_for(keeper.valid_token(request.user_id), ANSWER_TIMEOUT_SECONDS)
    except TokenRefusal as refusal:
        return _error(refusal.code, refusal.message)
    except TimeoutError:
        return _error("unavailable", "TONE3000 token not ready in time; retry later")
    except Exception:
        log.exception("token request for user %s failed", request.user_id)
        return _error("unavailable", "auth could not produce a token; retry later")
    return Tone3000TokenReplyV1(
        result=Tone3000Token(
            access_token=token.access_token, expires_at=token.expires_at.astimezone(UTC)
        )
    )


def _error(code: Tone3000TokenErrorCode, message: str) -> Tone3000TokenReplyV1:
    return Tone3000TokenReplyV1(result=Tone3000TokenError(code=code, message=message))


@contextlib.asynccontextmanager
async def token_responder(ctx: ServiceContext) -> AsyncIterator[None]:
    """Answer token requests for as long as the service runs."""
    keeper: TokenKeeper = ctx.extras["token_keeper"]
    nc: NatsClient = ctx.broker.connection
    tasks: set[asyncio.Task[None]] = set()

    async def reply(msg: Msg) -> None:
        result = await answer(keeper, msg.data)
        if msg.reply:
            try:
                await msg.respond(encode(result))
            except Exception as exc:  # the requester is gone or NATS is down: nothing to do
                log.warning("token reply not sent: %s", exc)

    async def on_message(msg: Msg) -> None:
        task = asyncio.create_task(reply(msg))
        tasks.add(task)
        task.add_done_callback(tasks.discard)

    subscription = await nc.subscribe(SUBJECT, queue=QUEUE_GROUP, cb=on_message)
    # ready means answering: the server must know the subscription before readiness says so
    await nc.flush(timeout=5)
    try:
        yield
    finally:
        await subscription.drain()  # type: ignore[no-untyped-call]
        if tasks:
            await asyncio.wait(tasks, timeout=ANSWER_TIMEOUT_SECONDS)
