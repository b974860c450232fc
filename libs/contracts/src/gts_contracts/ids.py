"""UUIDv7 event ids (RFC 9562): 48-bit unix milliseconds, then a counter, then random bits."""

from __future__ import annotations

import secrets
import threading
import time
import uuid

_COUNTER_BITS = 12
_COUNTER_MAX = (1 << _COUNTER_BITS) - 1


class UuidV7Generator:
    """Makes UUIDv7s that are strictly increasing within this process.

    RFC 9562 method 1: the 12-bit `rand_a` field is a counter seeded with 11 random bits
    on each new millisecond, so ids made in the same millisecond still sort in order.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last_ms = -1
        self._counter = 0

    def __call__(self) -> uuid.UUID:
        """A new UUIDv7, greater than every id this generator made before."""
        with self._lock:
            now_ms = time.time_ns() // 1_000_000
            if now_ms > self._last_ms:
                self._last_ms = now_ms
                # Top bit left clear so a burst has at least 2048 steps before it overflows.
                self._counter = secrets.randbits(_COUNTER_BITS - 1)
            else:
                self._counter += 1
                if self._counter > _COUNTER_MAX:
                    # Borrow the next millisecond rather than break the order.
                    self._last_ms += 1
                    self._counter = secrets.randbits(_COUNTER_BITS - 1)
            ms, counter = self._last_ms, self._counter
        rand_b = secrets.randbits(62)
        value = (ms & 0xFFFF_FFFF_FFFF) << 80
        value |= 0x7 << 76 | counter << 64
        value |= 0b10 << 62 | rand_b
        return uuid.UUID(int=value)


uuid7 = UuidV7Generator()


def uuid7_unix_ms(value: uuid.UUID) -> int:
    """The creation time embedded in a UUIDv7, in unix milliseconds."""
    if value.version != 7:
        raise ValueError(f"event_id: {value} is a UUID version {value.version}, expected 7")
    return value.int >> 80


def new_event_id() -> uuid.UUID:
    """A fresh event id: a UUIDv7, time-ordered and monotonic within this process."""
    return uuid7()
