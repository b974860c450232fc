"""Settings of the gateway service, from `GTS_` environment variables."""

from __future__ import annotations

from gts_kit.settings import ServiceSettings


class Settings(ServiceSettings, kw_only=True, frozen=True):
    """What the gateway service reads at start-up."""
