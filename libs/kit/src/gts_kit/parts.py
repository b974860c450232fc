"""What a service builds at start-up and its handlers use, found by type: one instance of a
class each (`ctx.parts.put(keeper)`, then `ctx.parts.get(TokenKeeper)`), so no handler looks
anything up by a string and mypy knows what it gets."""

from __future__ import annotations

from typing import Any, TypeVar

T = TypeVar("T")


class Parts:
    """At most one instance of each class."""

    def __init__(self) -> None:
        self._by_type: dict[type[Any], Any] = {}

    def put(self, part: T) -> T:
        """Keep `part` under its class (replacing one kept before); returns it."""
        self._by_type[type(part)] = part
        return part

    def get(self, cls: type[T]) -> T:
        """The instance of `cls`; LookupError when the service has not built one (yet)."""
        try:
            part: T = self._by_type[cls]
        except KeyError:
            raise LookupError(f"{cls.__name__} is not part of this service (yet)") from None
        return part

    def find(self, cls: type[T]) -> T | None:
        """The instance of `cls`, or None."""
        found: T | None = self._by_type.get(cls)
        return found
