"""Typed domain errors, and small constructors of the common ones; the HTTP layer maps each
to one status in one place."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class FieldProblem:
    """What is wrong with one input field."""

    field: str
    reason: str
    code: str | None = None


class DomainError(Exception):
    """Base of the errors a service raises on purpose; `status` is the HTTP status it maps to.

    A subclass names its problem in its class line: `status`, `title` and `type_slug` (the
    problem type's last path segment), each kept from its base when not given.
    """

    status = 400
    title = "Bad request"
    type_slug = "bad-request"

    def __init_subclass__(
        cls, *, status: int | None = None, title: str | None = None, type_slug: str | None = None
    ) -> None:
        super().__init_subclass__()
        if status is not None:
            cls.status = status
        if title is not None:
            cls.title = title
        if type_slug is not None:
            cls.type_slug = type_slug

    def __init__(
        self, detail: str, *, problems: Sequence[FieldProblem] = (), code: str | None = None
    ):
        super().__init__(detail)
        self.detail = detail
        self.problems = tuple(problems)
        self.code = code

    @property
    def members(self) -> dict[str, object]:
        """The problem's extra members (RFC 9457 extensions); none by default."""
        return {}


class InvalidInputError(DomainError, status=422, title="Invalid input", type_slug="invalid-input"):
    """The request is well-formed but its content is not acceptable (422)."""


class UnsendableEventError(InvalidInputError):
    """The change would announce an event the bus cannot carry (too large, or over a
    contract's bound); refused (422) before anything is stored."""


class NotFoundError(DomainError, status=404, title="Not found", type_slug="not-found"):
    """No such resource for this caller (also what another user's resource looks like)."""


class ConflictError(DomainError, status=409, title="Conflict", type_slug="conflict"):
    """The change conflicts with the current state."""


class UnauthorizedError(DomainError, status=401, title="Unauthorized", type_slug="unauthorized"):
    """No valid credentials."""


class ForbiddenError(DomainError, status=403, title="Forbidden", type_slug="forbidden"):
    """Credentials are valid but the action is refused (never used to hide another user's data)."""


class PayloadTooLargeError(
    DomainError, status=413, title="Payload too large", type_slug="payload-too-large"
):
    """The body is over the size limit."""


class RateLimitedError(
    DomainError, status=429, title="Too many requests", type_slug="rate-limited"
):
    """Too many requests; `retry_after` seconds until the next one may pass."""

    def __init__(self, detail: str, *, retry_after: float = 1.0, code: str | None = None):
        super().__init__(detail, code=code)
        self.retry_after = retry_after


class UnavailableError(
    DomainError, status=503, title="Service unavailable", type_slug="unavailable"
):
    """A dependency (database, NATS, an upstream) is down; retrying later may work."""


class BadGatewayError(DomainError, status=502, title="Bad gateway", type_slug="bad-gateway"):
    """An upstream answered badly or not at all."""


class QuotaExceededError(DomainError, title="Quota exceeded", type_slug="quota-exceeded"):
    """A per-user quota is reached: 413 for stored bytes, 429 for a count of things.

    The problem names the `quota`, its `limit` and what the user `used` (extra members).
    """

    def __init__(self, detail: str, *, quota: str, limit: int, used: int, status: int):
        super().__init__(detail, code="quota_exceeded")
        self.status = status
        self.quota = quota
        self.limit = limit
        self.used = used

    @property
    def members(self) -> dict[str, object]:
        """The problem's extra members."""
        return {"quota": self.quota, "limit": self.limit, "used": self.used}


def invalid(field: str, reason: str, code: str) -> InvalidInputError:
    """A 422 naming one field, the reason and a stable code."""
    return InvalidInputError(
        f"{field}: {reason}", problems=[FieldProblem(field, reason, code)], code=code
    )


def invalid_fields(problems: Sequence[FieldProblem]) -> InvalidInputError:
    """A 422 naming every field in `problems` (at least one), coded as the first."""
    detail = "; ".join(f"{p.field}: {p.reason}" for p in problems)
    return InvalidInputError(detail, problems=problems, code=problems[0].code)


def not_found(what: str) -> NotFoundError:
    """A 404 for a missing resource, or another user's (they look the same).

    Every missing resource has the code `not_found`; the detail says what is missing, and a
    more specific reason belongs there too, never in the code.
    """
    return NotFoundError(f"{what} not found", code="not_found")
