"""Checks on the search filters TONE3000 joins into one parameter each."""

from __future__ import annotations

from collections.abc import Sequence

from gts_kit.errors import FieldProblem, InvalidInputError

# TONE3000 joins tags and makes with "_", and creators (usernames may hold "_") with ","
TAG_SEPARATOR = "_"
CREATOR_SEPARATOR = ","


def checked_names(field: str, values: Sequence[str] | None, separator: str) -> list[str] | None:
    """`values` stripped (None when empty); 422 naming `field` for one holding `separator`."""
    names = [v.strip() for v in values or () if v.strip()]
    bad = [name for name in names if separator in name]
    if bad:
        reason = f"{bad[0]!r} holds {separator!r}, which TONE3000 uses to join several values"
        raise InvalidInputError(
            f"{field}: {reason}", problems=[FieldProblem(field, reason, "invalid_name")]
        )
    return names or None
