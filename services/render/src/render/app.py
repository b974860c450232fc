"""The render service's Litestar app."""

from __future__ import annotations

from litestar import Litestar

from gts_kit.service import ServiceSpec, create_service_app
from gts_kit.settings import load_settings
from render.config import Settings


def create_app(settings: Settings | None = None) -> Litestar:
    """The render service, wired by the kit."""
    spec = ServiceSpec(
        name="render",
        settings=settings or load_settings(Settings),
    )
    return create_service_app(spec)
