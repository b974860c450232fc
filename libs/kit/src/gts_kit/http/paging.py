"""How every list endpoint pages: `limit` and `offset` in, one `Page` out.

A list route takes the `paging` dependency (`Paging`, from the `limit` and `offset` query
parameters, provided to every service's handlers) and answers `paging.page(items, total)`.

The policy, the same in every service:

- `limit` is 1 to MAX_LIMIT items, DEFAULT_LIMIT when the client sends none; `offset` is 0 or
  more items to skip. A value outside those bounds is a 400 naming the parameter.
- The answer carries the items, the `total` count of every match (so a client can show "page
  3 of 7"), and the `limit` and `offset` used. An offset past the end gives no items and the
  same total.
- Order is stable, so consecutive pages never repeat or skip an item: newest first by creation
  time, ties broken by id, descending (`ORDER BY created_at DESC, id DESC`; ids are UUIDv7, so
  a later id is a later item). An endpoint that orders otherwise says so in its docstring and
  still ends its ORDER BY on the id.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Generic, TypeVar

import msgspec
from litestar.params import Parameter

T = TypeVar("T")

DEFAULT_LIMIT = 20
MAX_LIMIT = 200

Limit = Annotated[int, Parameter(ge=1, le=MAX_LIMIT, description="items per page")]
Offset = Annotated[int, Parameter(ge=0, description="items to skip")]


class Page(msgspec.Struct, Generic[T], kw_only=True):
    """One page of a list: its items, the total count, and the paging used."""

    items: list[T]
    total: int
    limit: int
    offset: int


@dataclass(frozen=True, slots=True)
class Paging:
    """The page a client asked for (every list endpoint's `paging` dependency)."""

    limit: int
    offset: int

    def page(self, items: list[T], total: int) -> Page[T]:
        """The answer: `items` of this page out of `total` matches."""
        return Page(items=items, total=total, limit=self.limit, offset=self.offset)


def provide_paging(limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> Paging:
    """The `paging` of a request, from its `limit` and `offset` query parameters."""
    return Paging(limit, offset)
