"""The answer of a list endpoint from what its service found."""

from __future__ import annotations

from typing import TypeVar

from gts_kit.http.paging import Page

T = TypeVar("T")


def page_of(found: tuple[list[T], int], limit: int, offset: int) -> Page[T]:
    """The `Page` of `found` (the items, and how many match in all), asked for with `limit`
    and `offset`."""
    items, total = found
    return Page(items=items, total=total, limit=limit, offset=offset)
