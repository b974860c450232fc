"""The gateway service's Litestar app."""

from __future__ import annotations

from litestar import Litestar

from gateway.config import Settings
from gts_kit.service import ServiceSpec, create_service_app
from gts_kit.settings import load_settings


def create_app(settings: Settings | None = None) -> Litestar:
    """The gateway service, wired by the kit."""
    spec = ServiceSpec(
        name="gateway",
        settings=settings or load_settings(Settings),
    )
    return create_service_app(spec)
