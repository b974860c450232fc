"""Rows read into msgspec structs (the API's views, a command's parts) field by field."""

from __future__ import annotations

from typing import Any, TypeVar

import msgspec

S = TypeVar("S", bound=msgspec.Struct)


def from_row(kind: type[S], row: Any, *, prefix: str = "", **given: Any) -> S:
    """A `kind` with the `given` fields, each other field read from the row's column of the
    same name after `prefix`."""
    read = {f: getattr(row, prefix + f) for f in kind.__struct_fields__ if f not in given}
    return kind(**read, **given)
