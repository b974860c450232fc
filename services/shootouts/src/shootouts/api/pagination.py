"""Every list endpoint pages with `limit` and `offset` and says the total."""

from __future__ import annotations

from typing import Annotated, Generic, TypeVar

import msgspec
from litestar.params import Parameter

T = TypeVar("T")

Limit = Annotated[int, Parameter(ge=1, le=100, description="items per page")]
Offset = Annotated[int, Parameter(ge=0, description="items to skip")]


class Page(msgspec.Struct, Generic[T], kw_only=True):
    """One page of a list: its items, the total count, and the paging used."""

    items: list[T]
    total: int
    limit: int
    offset: int
