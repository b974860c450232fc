"""Slicing lists into TONE3000's page envelope, with the endpoint's page_size cap."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from tone3000_sandbox.api.errors import ApiError
from tone3000_sandbox.api.shapes import PageOut

T = TypeVar("T")

LIST_CAP = 100
SEARCH_CAP = 25
DEFAULT_PAGE_SIZE = 10


def paginate(items: Sequence[T], page: int, page_size: int, cap: int) -> PageOut[T]:
    """Page `page` (from 1) of `items`; a `page_size` over `cap` is clamped to the cap."""
    if page < 1:
        raise ApiError(400, "invalid_request", f"page: {page}, pages count from 1")
    if page_size < 1:
        raise ApiError(400, "invalid_request", f"page_size: {page_size}, at least 1")
    size = min(page_size, cap)
    start = (page - 1) * size
    return PageOut(
        data=list(items[start : start + size]),
        page=page,
        page_size=size,
        total=len(items),
        total_pages=(len(items) + size - 1) // size,
    )


@dataclass(frozen=True, slots=True)
class PageQuery:
    """A list endpoint's `page` (from 1) and `page_size` query parameters (a dependency)."""

    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE

    def window(self, items: Sequence[T], cap: int) -> PageOut[T]:
        """The asked page of `items`, its size clamped to the endpoint's `cap`."""
        return paginate(items, self.page, self.page_size, cap)
