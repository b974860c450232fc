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
from auth.domain.login import LoginRefused, checked_return_to
from auth.wiring import AuthRuntime
from gts_tone3000 import Tone3000Error, Tone3000GrantError

log = logging.getLogger("gts.auth.login")


@get("/auth/login", status_code=302, summary="Start signing in with TONE3000")
async def login(auth: AuthRuntime, return_to: str | None = None) -> Redirect:
    """302 to TONE3000's authorize page (S256 PKCE, random state); `return_to` is a path on
    this site to land on afterwards."""
    target = checked_return_to(return_to)
    started = await auth.accounts.start_login(target, auth.settings.login_ttl_seconds)
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
    try:
        spent = await auth.accounts.spend_login(oauth_state, request.cookies.get(LOGIN_COOKIE))
    except LoginRefused as refused:
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
    user = await auth.accounts.sign_in(remote, tokens, settings.refresh_token_ttl_seconds)
    access = auth.keys.issue(user.user_id, settings.issuer, settings.access_token_ttl_seconds)
    log.info("user %s signed in", user.user_id)
    return Redirect(
        spent.return_to, status_code=302,
        cookies=[*done, *session_cookies(settings, access.token, user.refresh_token)],
        headers={"Cache-Control": "no-store"},
    )  # fmt: skip
