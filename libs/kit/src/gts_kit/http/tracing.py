"""ASGI middleware: one server span per HTTP request, a child of the caller's `traceparent`
(the gateway's, for a service; the gateway itself, facing clients, starts every trace), with
the method, path, status and request id."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from litestar.types import ASGIApp, Message, Receive, Scope, Send
from opentelemetry.trace import SpanKind, Status, StatusCode

from gts_kit.telemetry import context_from

# probes and scrapes are not worth a trace each
_UNTRACED = ("/health/", "/metrics")


def tracing_middleware(*, trust_callers: bool) -> Callable[[ASGIApp], ASGIApp]:
    """Trace every HTTP request of the service (its tracer: `app.state.ctx.tracer`), as part
    of the caller's trace when `trust_callers`."""

    def factory(app: ASGIApp) -> ASGIApp:
        return _middleware(app, trust_callers)

    return factory


def _middleware(app: ASGIApp, trust_callers: bool) -> ASGIApp:
    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        ctx = getattr(scope["app"].state, "ctx", None)
        # the path the client asked for (a mount sees it with its prefix stripped)
        raw = scope.get("raw_path") or scope.get("path", "").encode()
        path = bytes(raw).decode("latin-1").split("?", 1)[0]
        if str(scope["type"]) != "http" or ctx is None or path.startswith(_UNTRACED):
            await app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope.get("headers", [])}
        method = str(scope.get("method", ""))
        status = 500
        with ctx.tracer.start_as_current_span(
            f"{method} {path}",
            context=context_from(headers) if trust_callers else None,
            kind=SpanKind.SERVER,
            attributes={"http.request.method": method, "url.path": path},
        ) as span:

            async def send_status(message: Message) -> None:
                nonlocal status
                if message["type"] == "http.response.start":
                    status = int(message["status"])
                await send(message)

            try:
                await app(scope, receive, send_status)
            finally:
                _finish(span, status, scope)

    return middleware


def _finish(span: Any, status: int, scope: Scope) -> None:
    span.set_attribute("http.response.status_code", status)
    request_id = scope.get("state", {}).get("request_id")
    if request_id:
        span.set_attribute("gts.request_id", str(request_id))
    if status >= 500:
        span.set_status(Status(StatusCode.ERROR))

