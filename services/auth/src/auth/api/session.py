"""Refresh, sign out, and who am I."""

from __future__ import annotations

import uuid
from typing import Any

import msgspec
from litestar import Request, Response, get, post

from auth.api.cookies import REFRESH_COOKIE, cleared, session_cookies
from auth.wiring import AuthRuntime
from gts_kit.errors import FieldProblem, InvalidInputError, UnauthorizedError


class RefreshBody(msgspec.Struct, kw_only=True):
    """An API client's refresh request (browsers send the cookie instead)."""

    refresh_token: str


class TokenAnswer(msgspec.Struct, kw_only=True, omit_defaults=True):
    """A new access token; `refresh_token` only for API clients that sent theirs in the body.

    `refresh_token` is absent (null) as well when the token sent was already rotated within
    the last few seconds: its successor went out with that first answer and stays the
    session's only refresh token.
    """

    access_token: str
    expires_in: int
    token_type: str = "bearer"
    refresh_token: str | None = None


class Me(msgspec.Struct, kw_only=True):
    """The signed-in user."""

    id: uuid.UUID
    tone3000_user_id: str
    username: str
    display_name: str | None
    avatar_url: str | None


async def _presented(request: Request[Any, Any, Any]) -> tuple[str, bool]:
    cookie = request.cookies.get(REFRESH_COOKIE)
    if cookie:
        return cookie, True
    raw = await request.body()
    if raw:
        try:
            return msgspec.json.decode(raw, type=RefreshBody).refresh_token, False
        except (msgspec.DecodeError, msgspec.ValidationError) as exc:
            raise InvalidInputError(
                "refresh_token: unreadable body",
                problems=[FieldProblem("refresh_token", f"unreadable: {exc}")],
            ) from None
    raise UnauthorizedError("refresh_token: none sent (cookie gts_refresh or JSON body)")


@post("/auth/refresh", status_code=200, summary="Trade a refresh token for a new pair")
async def refresh(request: Request[Any, Any, Any], auth: AuthRuntime) -> Response[TokenAnswer]:
    """Rotate the refresh token; a reused one ends its whole family (401).

    A token sent again within 10 seconds of its rotation (two tabs refreshing at once) gets a
    new access token only: no `gts_refresh` cookie is set and no `refresh_token` is returned,
    since the first answer's successor is the session's one refresh token. Sent later, it ends
    the whole family (401).
    """
    token, from_cookie = await _presented(request)
    ttl = auth.settings.refresh_token_ttl_seconds
    rotated = await auth.accounts.rotate(token, ttl)  # a reuse: 401, its family ended
    settings = auth.settings
    access = auth.keys.issue(rotated.user_id, settings.issuer, settings.access_token_ttl_seconds)
    body = TokenAnswer(
        access_token=access.token, expires_in=access.ttl_seconds,
        refresh_token=None if from_cookie else rotated.refresh_token,
    )  # fmt: skip
    cookies = session_cookies(
        settings, access.token, rotated.refresh_token if from_cookie else None
    )
    return Response(body, cookies=cookies, headers={"Cache-Control": "no-store"})


@post("/auth/logout", status_code=204, summary="Sign out: end this session")
async def logout(request: Request[Any, Any, Any], auth: AuthRuntime) -> Response[None]:
    """Revoke the session's refresh-token family and clear the cookies."""
    token = request.cookies.get(REFRESH_COOKIE)
    if not token:
        raw = await request.body()
        if raw:
            try:
                token = msgspec.json.decode(raw, type=RefreshBody).refresh_token
            except (msgspec.DecodeError, msgspec.ValidationError):
                token = None
    if token:
        await auth.accounts.sign_out(token)
    return Response(None, status_code=204, cookies=cleared(auth.settings))


async def _me(auth: AuthRuntime, user_id: uuid.UUID) -> Me:
    user = await auth.accounts.user(user_id)
    if user is None:
        raise UnauthorizedError("sign in required: the user no longer exists")
    return Me(
        id=user.id, tone3000_user_id=user.tone3000_user_id, username=user.username,
        display_name=user.display_name, avatar_url=user.avatar_url,
    )  # fmt: skip


@get("/auth/me", summary="The signed-in user")
async def auth_me(auth: AuthRuntime, user_id: uuid.UUID) -> Me:
    """The signed-in user's profile."""
    return await _me(auth, user_id)


@get("/api/v1/me", summary="The signed-in user")
async def api_me(auth: AuthRuntime, user_id: uuid.UUID) -> Me:
    """The signed-in user's profile (same as `/auth/me`)."""
    return await _me(auth, user_id)
