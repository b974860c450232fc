"""The Cookie header read as Litestar (so every service behind the gateway) reads it."""

from __future__ import annotations

from urllib.parse import unquote


def parse_cookie_header(raw: bytes) -> dict[str, str]:
    """Cookies by name from a `Cookie` header, read pair by pair: `name=value` split on `;`,
    surrounding quotes and %-escapes removed, a pair without a name skipped, so one malformed
    cookie (another site's, a browser extension's) never hides the others. Last one wins."""
    cookies: dict[str, str] = {}
    for pair in raw.decode("latin-1").split(";"):
        name, equals, value = pair.partition("=")
        name, value = name.strip(), value.strip()
        if not equals or not name:
            continue
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = value[1:-1]
        cookies[name] = unquote(value)
    return cookies
