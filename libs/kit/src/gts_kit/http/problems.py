"""RFC 9457 problem+json for every error, mapped in one place; a 500 never shows a traceback."""

from __future__ import annotations

import logging
from typing import Any

from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.types import ExceptionHandlersMap
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from gts_kit.errors import DomainError, FieldProblem, RateLimitedError

log = logging.getLogger("gts.http")

PROBLEM_JSON = "application/problem+json"
TYPE_BASE = "https://gts.example/problems/"


def problem_response(
    request: Request[Any, Any, Any],
    status: int,
    title: str,
    detail: str,
    *,
    slug: str,
    problems: tuple[FieldProblem, ...] = (),
    code: str | None = None,
    headers: dict[str, str] | None = None,
) -> Response[dict[str, Any]]:
    """A problem+json response; `errors` names each bad field and the reason."""
    body: dict[str, Any] = {
        "type": TYPE_BASE + slug,
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
    }
    if code:
        body["code"] = code
    if problems:
        body["errors"] = [
            {"field": p.field, "reason": p.reason, **({"code": p.code} if p.code else {})}
            for p in problems
        ]
    request_id = request.scope.get("state", {}).get("request_id")
    if request_id:
        body["request_id"] = request_id
    return Response(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _domain(request: Request[Any, Any, Any], exc: DomainError) -> Response[dict[str, Any]]:
    headers = None
    if isinstance(exc, RateLimitedError):
        headers = {"Retry-After": str(max(1, round(exc.retry_after)))}
    return problem_response(
        request,
        exc.status,
        exc.title,
        exc.detail,
        slug=exc.type_slug,
        problems=exc.problems,
        code=exc.code,
        headers=headers,
    )


def _validation(
    request: Request[Any, Any, Any], exc: ValidationException
) -> Response[dict[str, Any]]:
    items = exc.extra if isinstance(exc.extra, list) else []
    problems = [
        FieldProblem(str(i.get("key") or i.get("source") or "body"), str(i.get("message")))
        for i in items
        if isinstance(i, dict)
    ]
    detail = "; ".join(f"{p.field}: {p.reason}" for p in problems) or str(exc.detail)
    return problem_response(
        request, 400, "Invalid request", detail, slug="invalid-request", problems=tuple(problems)
    )


def _http(request: Request[Any, Any, Any], exc: HTTPException) -> Response[dict[str, Any]]:
    title = exc.detail if exc.status_code < 500 else "Server error"
    headers = dict(exc.headers or {})
    return problem_response(
        request,
        exc.status_code,
        str(title),
        str(exc.detail),
        slug=f"http-{exc.status_code}",
        headers=headers or None,
    )


def _database(request: Request[Any, Any, Any], exc: Exception) -> Response[dict[str, Any]]:
    log.warning("database unavailable: %s", str(exc).splitlines()[0] if str(exc) else exc)
    return problem_response(
        request,
        503,
        "Service unavailable",
        "the database is not reachable right now; retry shortly",
        slug="unavailable",
        headers={"Retry-After": "2"},
    )


def _unexpected(request: Request[Any, Any, Any], exc: Exception) -> Response[dict[str, Any]]:
    if isinstance(exc, OSError | TimeoutError) and _looks_like_connection_loss(exc):
        return _database(request, exc)
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return problem_response(
        request, 500, "Server error", "an unexpected error occurred", slug="server-error"
    )


def _looks_like_connection_loss(exc: BaseException) -> bool:
    return isinstance(exc, ConnectionError | TimeoutError) or "connection" in str(exc).lower()


def exception_handlers() -> ExceptionHandlersMap:
    """The handlers every service app installs."""
    return {
        DomainError: _domain,
        ValidationException: _validation,
        HTTPException: _http,
        OperationalError: _database,
        DBAPIError: _database_or_unexpected,
        PoolTimeoutError: _database,
        Exception: _unexpected,
    }


def _database_or_unexpected(
    request: Request[Any, Any, Any], exc: DBAPIError
) -> Response[dict[str, Any]]:
    if exc.connection_invalidated or _looks_like_connection_loss(exc.orig or exc):
        return _database(request, exc)
    return _unexpected(request, exc)
