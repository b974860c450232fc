"""Settings of the shootouts service, from `GTS_` environment variables."""

from __future__ import annotations

from gts_kit.settings import ServiceSettings


class Settings(ServiceSettings, kw_only=True, frozen=True):
    """What the shootouts service reads at start-up."""
