"""The render service's Litestar app."""

from __future__ import annotations

from litestar import Litestar

from gts_kit.service import ServiceSpec, create_service_app
from gts_kit.settings import load_settings
from render.config import Settings
from render.consumers import consumers
from render.wiring import queue_check, render_worker


def create_app(settings: Settings | None = None) -> Litestar:
    """The render service, wired by the kit: its subscriptions and the worker they use."""
    spec = ServiceSpec(
        name="render",
        settings=settings or load_settings(Settings),
        consumers=consumers,
        resources=[render_worker],
        readiness={"queue": queue_check},
        description="Renders shootouts from the work queue; no HTTP API beyond health.",
    )
    return create_service_app(spec)
