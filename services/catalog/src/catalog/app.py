"""The catalog service's Litestar app."""

from __future__ import annotations

from litestar import Litestar

from catalog.config import Settings
from catalog.db.models import MIGRATIONS_DIR, metadata
from gts_kit.service import ServiceSpec, create_service_app
from gts_kit.settings import load_settings


def create_app(settings: Settings | None = None) -> Litestar:
    """The catalog service, wired by the kit."""
    spec = ServiceSpec(
        name="catalog",
        settings=settings or load_settings(Settings),
        metadata=metadata,
        migrations_dir=MIGRATIONS_DIR,
    )
    return create_service_app(spec)
