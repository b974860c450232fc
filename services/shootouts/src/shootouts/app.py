"""The shootouts service's Litestar app."""

from __future__ import annotations

from litestar import Litestar

from gts_kit.service import ServiceSpec, create_service_app
from gts_kit.settings import load_settings
from shootouts.config import Settings
from shootouts.db.models import MIGRATIONS_DIR, metadata


def create_app(settings: Settings | None = None) -> Litestar:
    """The shootouts service, wired by the kit."""
    spec = ServiceSpec(
        name="shootouts",
        settings=settings or load_settings(Settings),
        metadata=metadata,
        migrations_dir=MIGRATIONS_DIR,
    )
    return create_service_app(spec)
