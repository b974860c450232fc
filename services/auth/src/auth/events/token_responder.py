"""`auth.tone3000.token.get.v1`: every request gets exactly one reply, a token or a typed error.

A FastStream responder in queue group "auth", so each request reaches one replica; each
request runs in its own task, so one slow TONE3000 refresh does not hold up other users.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC

from auth.domain.token_keeper import TokenKeeper, TokenRefusal
from gts_contracts import (
    GetTone3000TokenV1,
    MessageDecodeError,
    Tone3000Token,
    Tone3000TokenError,
    Tone3000TokenErrorCode,
    Tone3000TokenReplyV1,
    decode,
)
from gts_kit.messaging.listeners import Responder
from gts_kit.service import ServiceContext

log = logging.getLogger("gts.auth.responder")

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


def token_responder(ctx: ServiceContext) -> Responder[Tone3000TokenReplyV1]:
    """The responder, answering with the process's token keeper (from start-up on)."""

    async def reply(data: bytes) -> Tone3000TokenReplyV1:
        keeper = ctx.parts.find(TokenKeeper)
        if keeper is None:
            return _error("unavailable", "auth is starting; retry shortly")
        return await answer(keeper, data)

    return Responder("auth", GetTone3000TokenV1, reply)
