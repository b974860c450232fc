"""The client-side request limit: a sliding window per user key (100 a minute by default)."""

from __future__ import annotations

from collections import deque

from gts_tone3000.clock import Clock
from gts_tone3000.errors import Tone3000RateLimited


class SlidingWindowLimiter:
    """At most `limit` requests per `window_s` seconds for each key; keys never wait on each other.

    One instance is shared by every call of a process (inject it); state lives in memory.
    """

    def __init__(self, clock: Clock, limit: int = 100, window_s: float = 60.0) -> None:
        if limit < 1:
            raise ValueError(f"limit: {limit} requests per window, at least 1 is needed")
        self._clock = clock
        self._limit = limit
        self._window_s = window_s
        self._sent: dict[str, deque[float]] = {}

    def try_acquire(self, key: str) -> float:
        """Take a slot for `key` now and return 0.0, or return the seconds until one frees."""
        now = self._clock.monotonic()
        sent = self._sent.setdefault(key, deque())
        while sent and sent[0] <= now - self._window_s:
            sent.popleft()
        if len(sent) < self._limit:
            sent.append(now)
            return 0.0
        return sent[0] + self._window_s - now

    async def acquire(self, key: str, max_wait_s: float) -> None:
        """Wait for a slot for `key`; `Tone3000RateLimited` if that needs over `max_wait_s` s."""
        deadline = self._clock.monotonic() + max_wait_s
        while (wait := self.try_acquire(key)) > 0:
            if self._clock.monotonic() + wait > deadline:
                raise Tone3000RateLimited(wait)
            await self._clock.sleep(wait)

    def forget_idle(self) -> None:
        """Drop keys with no request inside the window (bounds memory in long-lived processes)."""
        now = self._clock.monotonic()
        idle = [k for k, sent in self._sent.items() if not sent or sent[-1] <= now - self._window_s]
        for key in idle:
            del self._sent[key]
