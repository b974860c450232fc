"""The tokens a sign-in or a refresh hands back."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class TokenSet:
    """A TONE3000 grant: `expires_at` is when the access token dies (timezone-aware).

    The refresh token rotates: store the new one after every refresh, the old one is dead.
    Tokens are left out of `repr` so they never reach a log line.
    """

    access_token: str = field(repr=False)
    refresh_token: str = field(repr=False)
    expires_at: datetime
    token_type: str = "bearer"
    scope: str | None = None
