"""Small constructors of the typed errors the handlers raise (one field, one reason)."""

from __future__ import annotations

from gts_kit.errors import FieldProblem, InvalidInputError, NotFoundError


def invalid(field: str, reason: str, code: str) -> InvalidInputError:
    """A 422 naming one field, the reason and a stable code."""
    return InvalidInputError(
        f"{field}: {reason}", problems=[FieldProblem(field, reason, code)], code=code
    )


def not_found(what: str) -> NotFoundError:
    """A 404 for a missing resource, or another user's (they look the same)."""
    return NotFoundError(f"{what} not found", code="not_found")


def invalid_fields(problems: list[FieldProblem]) -> InvalidInputError:
    """A 422 naming every field in `problems`, coded as the first."""
    detail = "; ".join(f"{p.field}: {p.reason}" for p in problems)
    return InvalidInputError(detail, problems=problems, code=problems[0].code)
