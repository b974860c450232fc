"""Slicing lists into TONE3000's page envelope, with the endpoint's page_size cap."""

from __future__ import annotations

from collections.abc import Sequence
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
