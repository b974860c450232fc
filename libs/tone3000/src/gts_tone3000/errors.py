"""Typed errors raised by the TONE3000 client."""

from __future__ import annotations


class Tone3000Error(Exception):
    """A TONE3000 call failed: `status` is the HTTP status (None when no answer came)."""

    def __init__(self, status: int | None, reason: str) -> None:
        super().__init__(f"TONE3000 {status if status is not None else 'error'}: {reason}")
        self.status = status
        self.reason = reason


class Tone3000Unauthorized(Tone3000Error):  # noqa: N818 (the name callers know)
    """The access token was refused (401): refresh it and retry once."""

    def __init__(self, reason: str = "the access token was refused") -> None:
        super().__init__(401, reason)


class Tone3000GrantError(Tone3000Error):
    """The token endpoint refused a code or refresh token (`invalid_grant`): sign in again."""

    def __init__(self, reason: str, error: str = "invalid_grant") -> None:
        super().__init__(400, reason)
        self.error = error


class Tone3000RateLimited(Tone3000Error):  # noqa: N818 (the name callers know)
    """Too many requests, and waiting `retry_after` seconds does not fit the call's budget."""

    def __init__(self, retry_after: float) -> None:
        super().__init__(429, f"rate limited: retry after {retry_after:.1f} s")
        self.retry_after = retry_after


class Tone3000DownloadTooLargeError(Tone3000Error):
    """A model file is larger than the caller allows."""

    def __init__(self, max_bytes: int, size: int | None) -> None:
        told = f"{size:,} bytes" if size is not None else "more bytes"
        super().__init__(None, f"model_url: the file has {told}, the limit is {max_bytes:,} bytes")
        self.max_bytes = max_bytes
        self.size = size
