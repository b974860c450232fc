"""Token buckets per key (a client address, a user): a burst at once, then a steady rate.

Buckets live in the process: with several replicas each keeps its own, so a key may pass up
to `replicas` times the rate; the limit is there to stop floods, not to meter exactly.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from gts_kit.errors import RateLimitedError

# forget full buckets when this many keys are tracked
_MAX_TRACKED = 10_000


class TokenBucketLimiter:
    """`capacity` requests at once, refilled at `per_minute` a minute, per key."""

    def __init__(
        self, per_minute: int, capacity: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._rate = per_minute / 60.0
        self._capacity = float(capacity)
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}

    def take(self, key: str) -> float:
        """Spend one request for `key`: 0 when allowed, else seconds until one is."""
        now = self._clock()
        tokens, at = self._buckets.get(key, (self._capacity, now))
        tokens = min(self._capacity, tokens + (now - at) * self._rate)
        if tokens >= 1.0:
            self._buckets[key] = (tokens - 1.0, now)
            if len(self._buckets) > _MAX_TRACKED:
                self._forget_full(now)
            return 0.0
        self._buckets[key] = (tokens, now)
        return (1.0 - tokens) / self._rate if self._rate > 0 else math.inf

    def spend(self, key: str, what: str, code: str) -> None:
        """Spend one request for `key` or raise RateLimitedError (429 with `Retry-After`).

        `what` names the requests in the detail ("uploads"), `code` is the problem's code.
        """
        wait = self.take(key)
        if wait > 0:
            seconds = math.ceil(wait) if math.isfinite(wait) else 3600
            raise RateLimitedError(
                f"too many {what}; retry in {seconds} s", retry_after=seconds, code=code
            )

    def _forget_full(self, now: float) -> None:
        for key, (tokens, at) in list(self._buckets.items()):
            if tokens + (now - at) * self._rate >= self._capacity:
                del self._buckets[key]
