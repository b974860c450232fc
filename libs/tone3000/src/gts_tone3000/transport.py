"""One place that sends TONE3000 requests: limiter, 429 backoff, timeouts, error mapping."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx
import msgspec

from gts_tone3000.clock import Clock
from gts_tone3000.config import Tone3000Config
from gts_tone3000.errors import (
    Tone3000Error,
    Tone3000RateLimited,
    Tone3000Unauthorized,
)
from gts_tone3000.limiter import SlidingWindowLimiter
from gts_tone3000.retry_after import retry_after_seconds

log = logging.getLogger("gts_tone3000")

DEPRECATIONS_HEADER = "X-Tone3000-Deprecations"
_REASON_CHARS = 200


class _ErrorBody(msgspec.Struct):
    error: str | None = None
    error_description: str | None = None
    message: str | None = None
    detail: str | None = None
    # the identity store's shape: `{code, error_code, msg}`
    msg: str | None = None
    error_code: str | None = None


def short_reason(response: httpx.Response, body: bytes | None = None) -> str:
    """A one-line reason from an error answer: its description or message, or the phrase.

    `body` stands in for `response.content` when the answer was streamed.
    """
    fallback = response.reason_phrase or f"HTTP {response.status_code}"
    try:
        parsed = msgspec.json.decode(response.content if body is None else body, type=_ErrorBody)
    except msgspec.DecodeError:
        return fallback
    text = (
        parsed.error_description
        or parsed.message
        or parsed.detail
        or parsed.msg
        or parsed.error
        or parsed.error_code
        or fallback
    )
    return text[:_REASON_CHARS]


@dataclass(eq=False)
class Transport:
    """Sends requests for the client; every call gets timeouts and a rate-limit budget."""

    http: httpx.AsyncClient
    config: Tone3000Config
    clock: Clock
    limiter: SlidingWindowLimiter
    _timeout: httpx.Timeout = field(init=False, repr=False)
    _seen_deprecations: set[str] = field(default_factory=set, init=False, repr=False)

    def __post_init__(self) -> None:
        config = self.config
        self._timeout = httpx.Timeout(config.read_timeout_s, connect=config.connect_timeout_s)

    async def send(
        self,
        method: str,
        url: str,
        *,
        user_key: str | None = None,
        token: str | None = None,
        params: Mapping[str, str | int] | None = None,
        form: Mapping[str, str] | None = None,
        stream: bool = False,
    ) -> httpx.Response:
        """Send one request, riding out 429s within the budget; returns any non-429 answer.

        A streamed answer must be closed by the caller (`await response.aclose()`).
        """
        deadline = self.clock.monotonic() + self.config.rate_limit_budget_s
        headers = {"Accept": "application/json"}
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        for attempt in range(self.config.max_retries + 1):
            if user_key is not None:
                await self.limiter.acquire(user_key, deadline - self.clock.monotonic())
            request = self.http.build_request(
                method, url, params=params, data=form, headers=headers, timeout=self._timeout
            )
            response = await self._send_once(request, stream=stream)
            self._note_deprecations(response)
            if response.status_code != 429:
                return response
            await response.aclose()
            told = retry_after_seconds(response.headers.get("Retry-After"), self.clock.now())
            delay = told if told is not None else self.config.first_backoff_s * 2**attempt
            if attempt == self.config.max_retries or self.clock.monotonic() + delay > deadline:
                raise Tone3000RateLimited(delay)
            log.info("TONE3000 answered 429; retrying in %.1f s", delay)
            await self.clock.sleep(delay)
        raise AssertionError("unreachable: the loop returns or raises")

    async def send_json(self, method: str, url: str, **kwargs: Any) -> bytes:
        """Send, raise the typed error for any non-2xx answer, and return the body bytes."""
        response = await self.send(method, url, **kwargs)
        raise_for_status(response)
        return response.content

    async def _send_once(self, request: httpx.Request, *, stream: bool) -> httpx.Response:
        try:
            return await self.http.send(request, stream=stream, follow_redirects=stream)
        except httpx.TimeoutException as exc:
            raise Tone3000Error(None, f"timed out ({type(exc).__name__})") from exc
        except httpx.TransportError as exc:
            raise Tone3000Error(None, f"could not reach TONE3000 ({type(exc).__name__})") from exc

    def _note_deprecations(self, response: httpx.Response) -> None:
        # once per distinct value per client: enough to notice, never a flood
        value = response.headers.get(DEPRECATIONS_HEADER)
        if value and value not in self._seen_deprecations:
            self._seen_deprecations.add(value)
            log.warning("TONE3000 deprecation notice: %s", value[:_REASON_CHARS])


def raise_for_status(response: httpx.Response, body: bytes | None = None) -> None:
    """Raise `Tone3000Unauthorized` for 401 and `Tone3000Error` for any other non-2xx answer."""
    if response.is_success:
        return
    if response.status_code == 401:
        raise Tone3000Unauthorized(short_reason(response, body))
    raise Tone3000Error(response.status_code, short_reason(response, body))
