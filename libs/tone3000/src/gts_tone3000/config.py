"""How the client reaches TONE3000 and how patient it is."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_BASE_URL = "https://www.tone3000.com/api/v1"


@dataclass(frozen=True, slots=True)
class Tone3000Config:
    """Client settings.

    `base_url` ends in `/api/v1` (no trailing slash needed); with or without `www.`, as
    model downloads may go to either (`gts_tone3000.origin`). Timeouts and budgets are
    seconds; `rate_limit_budget_s` bounds how long one call may wait for the client-side
    limiter and for 429 `Retry-After` answers together before it gives up.
    """

    client_id: str
    base_url: str = DEFAULT_BASE_URL
    connect_timeout_s: float = 5.0
    read_timeout_s: float = 30.0
    # Well under the gateway's 30 s upstream timeout: a rate-limited call ends as our own 429
    # with Retry-After, never as the gateway's 504.
    rate_limit_budget_s: float = 10.0
    max_retries: int = 5
    first_backoff_s: float = 1.0

    @property
    def api_root(self) -> str:
        """`base_url` without a trailing slash."""
        return self.base_url.rstrip("/")
