"""RFC 9457 problem+json for every error, mapped in one place; a 500 never shows a traceback."""

from __future__ import annotations

import logging
import re
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
    members: dict[str, object] | None = None,
) -> Response[dict[str, Any]]:
    """A problem+json response; `errors` names each bad field and the reason; `members` are
    extra members (RFC 9457 extensions) such as a quota's limit and use."""
    body: dict[str, Any] = {
        "type": TYPE_BASE + slug,
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
    }
    if code:
        body["code"] = code
    if members:
        body.update({k: v for k, v in members.items() if k not in body})
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
        members=exc.members or None,
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
    if not problems:
        # Litestar names a missing parameter only in its message: "... parameter 'q' for ..."
        named = re.search(r"parameter '([^']+)'", str(exc.detail))
        if named:
            problems = [FieldProblem(named.group(1), str(exc.detail).split(" for path")[0])]
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
    if _looks_like_connection_loss(exc):
        return _database(request, exc)
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return problem_response(
        request, 500, "Server error", "an unexpected error occurred", slug="server-error"
    )


def _looks_like_connection_loss(exc: BaseException, sqlstate: str | None = None) -> bool:
    # SQLSTATE 08: connection exception; 57P: the server is shutting down or starting up
    if sqlstate is not None and sqlstate.startswith(("08", "57P")):
        return True
    causes = [exc, exc.__cause__, getattr(exc, "orig", None)]
    return any(isinstance(c, ConnectionError | TimeoutError | OSError) for c in causes) or any(
        type(c).__name__
        in {"ConnectionDoesNotExistError", "InterfaceError", "CannotConnectNowError"}
        for c in causes
    )


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
    sqlstate = _sqlstate(exc)
    if exc.connection_invalidated or _looks_like_connection_loss(exc, sqlstate):
        return _database(request, exc)
    if sqlstate is not None and sqlstate.startswith("22"):
        # A data exception (a NUL character in text, a number out of range): the input's fault.
        cause = exc.orig.__cause__ if exc.orig is not None else None
        reason = str(cause or exc.orig).splitlines()[0]
        return problem_response(
            request,
            422,
            "Invalid input",
            f"a value cannot be stored: {reason}",
            slug="invalid-input",
        )
    return _unexpected(request, exc)


def _sqlstate(exc: DBAPIError) -> str | None:
    # asyncpg's error (with its SQLSTATE) sits behind SQLAlchemy's adapted DBAPI error
    for candidate in (exc.orig, exc.orig.__cause__ if exc.orig is not None else None):
        state = getattr(candidate, "sqlstate", None)
        if isinstance(state, str):
            return state
    return None
