"""The 429 switch: refuses API requests while the throttle has some left."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from email.utils import format_datetime

from litestar import MediaType, Response

from tone3000_sandbox.api.request import Req
from tone3000_sandbox.state import SandboxState


def throttle_hook(
    sandbox: SandboxState,
) -> Callable[[Req], Awaitable[Response[object] | None]]:
    """A `before_request` hook answering 429 + `Retry-After` while `sandbox.throttle` says so."""

    async def refuse_if_throttled(_: Req) -> Response[object] | None:
        throttle = sandbox.throttle
        if not throttle.take():
            return None
        if throttle.as_http_date:
            when = datetime.fromtimestamp(sandbox.settings.now() + throttle.retry_after_s, UTC)
            retry_after = format_datetime(when, usegmt=True)
        else:
            retry_after = f"{throttle.retry_after_s:g}"
        body = {"error": "rate_limited", "message": "too many requests, slow down"}
        # JSON even on the HTML sign-in page, which would otherwise fail to render a dict
        return Response(
            body,
            status_code=429,
            headers={"Retry-After": retry_after},
            media_type=MediaType.JSON,
        )

    return refuse_if_throttled
