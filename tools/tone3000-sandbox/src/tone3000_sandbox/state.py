"""Everything one sandbox instance holds: settings, library, grants and the 429 switch."""

from __future__ import annotations

from dataclasses import dataclass

from tone3000_sandbox.grants import Grants
from tone3000_sandbox.library import Library
from tone3000_sandbox.settings import SandboxSettings


@dataclass(slots=True)
class Throttle:
    """While `remaining` > 0 each API request is answered 429 with this `Retry-After`."""

    remaining: int = 0
    retry_after_s: float = 1.0
    as_http_date: bool = False

    def take(self) -> bool:
        """True (and one fewer left) when this request must be refused."""
        if self.remaining <= 0:
            return False
        self.remaining -= 1
        return True


@dataclass(slots=True)
class SandboxState:
    """One sandbox's mutable world; created by `create_app`, never shared between apps."""

    settings: SandboxSettings
    library: Library
    grants: Grants
    throttle: Throttle

    @classmethod
    def create(cls, settings: SandboxSettings, library: Library) -> SandboxState:
        """A fresh state: no grants, throttle as the settings say."""
        throttle = Throttle(settings.throttle_count, settings.throttle_retry_after_s)
        return cls(settings, library, Grants(settings), throttle)
