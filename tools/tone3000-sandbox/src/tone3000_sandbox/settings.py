"""What a sandbox instance accepts and how it behaves; tests shorten lifetimes here."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

DEFAULT_CLIENT_ID = "t3k_pub_gts_local"
# loopback callbacks on any port (RFC 8252), as the local stack and tests use
DEFAULT_REDIRECT_PREFIXES = ("http://127.0.0.1/", "http://localhost/")


@dataclass(frozen=True, slots=True)
class SandboxSettings:
    """Sandbox behaviour. Durations are seconds; `now` gives epoch seconds (inject to fake time).

    `redirect_prefixes` are registered callback prefixes: scheme and host must match, a
    prefix without a port allows any port, and the path must start with the prefix's path.
    `throttle_count` makes the first N API requests answer 429 with `Retry-After:
    throttle_retry_after_s`. `seed` fixes the synthesized library.
    """

    client_ids: tuple[str, ...] = (DEFAULT_CLIENT_ID,)
    redirect_prefixes: tuple[str, ...] = DEFAULT_REDIRECT_PREFIXES
    access_token_ttl_s: int = 3600
    code_ttl_s: int = 1800
    throttle_count: int = 0
    throttle_retry_after_s: float = 1.0
    seed: int = 3000
    public_url: str | None = None
    now: Callable[[], float] = field(default=time.time)
