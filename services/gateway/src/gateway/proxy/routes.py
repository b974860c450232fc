"""Which service owns which public path: the one table the gateway routes by."""

from __future__ import annotations

import re

# Longest prefix wins; a path no prefix matches is the gateway's own or a 404.
PUBLIC_ROUTES: tuple[tuple[str, str], ...] = (
    ("/auth/", "auth"),
    ("/.well-known/jwks.json", "auth"),
    ("/api/v1/me", "auth"),
    ("/api/v1/gear", "catalog"),
    ("/api/v1/tone3000", "catalog"),
    ("/api/v1/di-tracks", "shootouts"),
    ("/api/v1/signal-chains", "shootouts"),
    ("/api/v1/chain-groups", "shootouts"),
    ("/api/v1/shootouts", "shootouts"),
    ("/api/v1/jobs", "shootouts"),
    ("/api/v1/outputs", "shootouts"),
    ("/api/v1/public", "shootouts"),
    ("/api/v1/listening", "shootouts"),
    ("/api/v1/abx", "shootouts"),
)

# Paths that pass without a token (everything else needs a valid access token).
PUBLIC_WITHOUT_TOKEN: tuple[str, ...] = (
    "/auth/login",
    "/auth/callback",
    "/auth/refresh",
    "/auth/logout",
    "/.well-known/jwks.json",
    "/api/v1/public",
)

# Reads anyone may try without a token; the owning service decides who sees what (an unlisted
# or public shootout's file or its published listening results, anything else 404). Unlike
# the open paths above, a token sent with them must be valid: its holder is told to refresh
# rather than shown a 404 for their own file.
READS_WITHOUT_TOKEN: tuple[re.Pattern[str], ...] = (
    re.compile(r"/api/v1/outputs/[^/]+"),
    re.compile(r"/api/v1/shootouts/[^/]+/listening/results(\.svg)?"),
)
READ_METHODS = frozenset({"GET", "HEAD"})

# What a visitor who is not signed in may do with a signed listener cookie
# (`gateway.security.listener`): start a blind session, play its letters, vote.
ANONYMOUS_LISTENING: tuple[tuple[frozenset[str], re.Pattern[str]], ...] = (
    (frozenset({"POST"}), re.compile(r"/api/v1/shootouts/[^/]+/listening")),
    (READ_METHODS, re.compile(r"/api/v1/listening/[^/]+")),
    (READ_METHODS, re.compile(r"/api/v1/listening/[^/]+/audio/[^/]+")),
    (frozenset({"POST"}), re.compile(r"/api/v1/listening/[^/]+/vote")),
)


def upstream_for(path: str) -> str | None:
    """The service that owns `path`, or None."""
    best: tuple[int, str] | None = None
    for prefix, service in PUBLIC_ROUTES:
        if _matches(path, prefix) and (best is None or len(prefix) > best[0]):
            best = (len(prefix), service)
    return best[1] if best else None


def is_open_path(path: str) -> bool:
    """Whether `path` is served without a token."""
    return any(_matches(path, prefix) for prefix in PUBLIC_WITHOUT_TOKEN)


def is_read_without_token(method: str, path: str) -> bool:
    """Whether `method` on `path` may reach its service without a token."""
    return method.upper() in READ_METHODS and any(
        pattern.fullmatch(path) for pattern in READS_WITHOUT_TOKEN
    )


def _matches(path: str, prefix: str) -> bool:
    if prefix.endswith("/"):
        return path.startswith(prefix) or path == prefix.rstrip("/")
    return path == prefix or path.startswith(prefix + "/")


def is_anonymous_listening(method: str, path: str) -> bool:
    """Whether `method` on `path` may come from an anonymous listener (with its cookie)."""
    return any(
        method.upper() in methods and pattern.fullmatch(path)
        for methods, pattern in ANONYMOUS_LISTENING
    )
