"""Owners' shootout views kept once built, by the versions of the rows they come from."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from shootouts.shootout.schemas import ShootoutView
from shootouts.shootout.view_queries import KEY_COLUMNS

ViewKey = tuple[Any, ...]


class RememberedViews:
    """Owner's views already built, by the ids and versions of the rows they come from (the
    shootout, its newest job, its latest completed job with that job's outputs): a view is a
    function of those rows, so it holds until one of them changes. Least recently used go."""

    def __init__(self, entries: int = 4096) -> None:
        self.entries = entries
        self._views: OrderedDict[ViewKey, ShootoutView] = OrderedDict()

    def get(self, key: ViewKey) -> ShootoutView | None:
        view = self._views.get(key)
        if view is not None:
            self._views.move_to_end(key)
        return view

    def put(self, key: ViewKey, view: ShootoutView) -> None:
        self._views[key] = view
        self._views.move_to_end(key)
        while len(self._views) > self.entries:
            self._views.popitem(last=False)


def view_key(row: Any) -> ViewKey:
    """The key a row of `WITH_JOBS` or `VERSIONS` has in `RememberedViews`: its first
    `KEY_COLUMNS`, the ids and versions of the shootout and its two jobs."""
    key: ViewKey = row[:KEY_COLUMNS]
    return key
