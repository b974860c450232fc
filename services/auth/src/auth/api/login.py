"""`GET /auth/login` and `GET /auth/callback`: the OAuth 2.0 + PKCE dance with TONE3000."""

from __future__ import annotations

import logging
from typing import Annotated, Any

import httpx
from litestar import Request, Response, get
from litestar.params import Parameter
from litestar.response import Redirect

from auth.api.cookies import LOGIN_COOKIE, cleared_login, login_cookie, session_cookies
from auth.api.pages import sign_in_page
from auth.domain.grants import store_grant
from auth.domain.login import LoginRefused, checked_return_to, spend_login, start_login
from auth.domain.sessions import start_family
from auth.domain.users import upsert_user
from auth.wiring import AuthRuntime
from gts_tone3000 import Tone3000Error, Tone3000GrantError

log = logging.getLogger("gts.auth.login")


@get("/auth/login", status_code=302, summary="Start signing in with TONE3000")
async def login(auth: AuthRuntime, return_to: str | None = None) -> Redirect:
    """302 to TONE3000's authorize page (S256 PKCE, random state); `return_to` is a path on
    this site to land on afterwards."""
    target = checked_return_to(return_to)
    async with auth.ctx.db()() as session, session.begin():
        started = await start_login(session, target, auth.settings.login_ttl_seconds)
    url = auth.tone3000.authorize_url(auth.settings.redirect_uri, started.state, started.challenge)
    return Redirect(
        url, status_code=302, cookies=[login_cookie(auth.settings, started.browser_secret)],
        headers={"Cache-Control": "no-store"},
    )  # fmt: skip


@get("/auth/callback", summary="TONE3000 sends the browser back here", status_code=302)
async def callback(
    request: Request[Any, Any, Any],
    auth: AuthRuntime,
    code: str | None = None,
    oauth_state: Annotated[str | None, Parameter(query="state")] = None,
    error: str | None = None,
    canceled: str | None = None,
) -> Response[str] | Redirect:
    """Finish the sign-in: check the state (single use, this browser), trade the code, load
    the user, store the TONE3000 tokens sealed, start a session and 302 to `return_to`."""
    settings = auth.settings
    done = [cleared_login(settings)]
    refused: LoginRefused | None = None
    async with auth.ctx.db()() as session, session.begin():
        try:
            spent = await spend_login(session, oauth_state, request.cookies.get(LOGIN_COOKIE))
        except LoginRefused as exc:
            refused = exc  # committed all the same: a state presented once is spent
    if refused is not None:
        return sign_in_page("Sign-in not completed", refused.reason, 400, done)
    if error or canceled is not None:
        if error in (None, "access_denied"):
            return sign_in_page("Sign-in canceled", "You canceled signing in.", 200, done)
        return sign_in_page("Sign-in failed", f"TONE3000 answered: {error}.", 400, done)
    if not code:
        return sign_in_page("Sign-in failed", "TONE3000 sent no code back.", 400, done)
    try:
        tokens = await auth.tone3000.exchange_code(code, spent.code_verifier, settings.redirect_uri)
        remote = await auth.tone3000.as_user(tokens.access_token).get_user()
    except Tone3000GrantError:
        return sign_in_page(
            "Sign-in not completed", "This sign-in code was already used or has expired.",
            400, done,
        )  # fmt: skip
    except (Tone3000Error, httpx.HTTPError) as exc:
        log.warning("sign-in: TONE3000 failed: %s", type(exc).__name__)
        return sign_in_page(
            "TONE3000 is not answering", "Please try signing in again in a moment.", 502, done
        )
    outbox = auth.ctx.outbox
    assert outbox is not None  # a service with tables always has one
    async with auth.ctx.db()() as session, session.begin():
        user = await upsert_user(session, outbox, remote)
        await store_grant(session, auth.cipher, user.id, tokens)
        refresh = await start_family(session, user.id, settings.refresh_token_ttl_seconds)
    access = auth.keys.issue(user.id, settings.issuer, settings.access_token_ttl_seconds)
    log.info("user %s signed in", user.id)
    return Redirect(
        spent.return_to, status_code=302,
        cookies=[*done, *session_cookies(settings, access.token, refresh)],
        headers={"Cache-Control": "no-store"},
    )  # fmt: skip
