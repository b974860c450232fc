"""The session cookies: names, paths and flags in one place."""

from __future__ import annotations

from litestar.datastructures import Cookie

from auth.config import Settings
from auth.domain.secrets import new_secret

ACCESS_COOKIE = "gts_access"
REFRESH_COOKIE = "gts_refresh"
CSRF_COOKIE = "gts_csrf"
LOGIN_COOKIE = "gts_login"
CSRF_HEADER = "X-CSRF-Token"

# the refresh token only ever travels to the refresh and logout endpoints
REFRESH_PATH = "/auth"
LOGIN_PATH = "/auth/callback"


def session_cookies(
    settings: Settings, access_token: str, refresh_token: str | None
) -> list[Cookie]:
    """Access (and refresh) cookies, HttpOnly and SameSite=Lax, plus a fresh CSRF token that
    scripts read and echo in `X-CSRF-Token` (double submit)."""
    secure = settings.secure_cookies
    cookies = [
        Cookie(
            key=ACCESS_COOKIE, value=access_token, path="/", httponly=True, secure=secure,
            samesite="lax", max_age=settings.access_token_ttl_seconds,
        ),
        Cookie(
            key=CSRF_COOKIE, value=new_secret(), path="/", httponly=False, secure=secure,
            samesite="lax", max_age=settings.refresh_token_ttl_seconds,
        ),
    ]  # fmt: skip
    if refresh_token is not None:
        cookies.append(
            Cookie(
                key=REFRESH_COOKIE, value=refresh_token, path=REFRESH_PATH, httponly=True,
                secure=secure, samesite="lax", max_age=settings.refresh_token_ttl_seconds,
            )
        )  # fmt: skip
    return cookies


def login_cookie(settings: Settings, browser_secret: str) -> Cookie:
    """Binds a sign-in attempt to this browser until the callback."""
    return Cookie(
        key=LOGIN_COOKIE, value=browser_secret, path=LOGIN_PATH, httponly=True,
        secure=settings.secure_cookies, samesite="lax", max_age=settings.login_ttl_seconds,
    )  # fmt: skip


def cleared(settings: Settings) -> list[Cookie]:
    """Cookies that delete every session cookie in the browser."""
    paths = {ACCESS_COOKIE: "/", CSRF_COOKIE: "/", REFRESH_COOKIE: REFRESH_PATH}
    return [
        Cookie(
            key=name, value="", path=path, max_age=0, httponly=name != CSRF_COOKIE,
            secure=settings.secure_cookies, samesite="lax",
        )
        for name, path in paths.items()
    ]  # fmt: skip


def cleared_login(settings: Settings) -> Cookie:
    """Deletes the sign-in binding once the callback has used it."""
    return Cookie(
        key=LOGIN_COOKIE, value="", path=LOGIN_PATH, max_age=0, httponly=True,
        secure=settings.secure_cookies, samesite="lax",
    )  # fmt: skip
