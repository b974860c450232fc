"""The catalog service's Litestar app."""

from __future__ import annotations

from litestar import Litestar

from catalog.api.gear_routes import GearController
from catalog.api.tone3000_routes import Tone3000Controller
from catalog.config import Settings
from catalog.db.models import MIGRATIONS_DIR, metadata
from catalog.wiring import DEPENDENCIES, catalog_resource
from gts_kit.service import ServiceSpec, create_service_app
from gts_kit.settings import load_settings


def create_app(settings: Settings | None = None) -> Litestar:
    """The catalog service, wired by the kit."""
    settings = settings or load_settings(Settings)
    spec = ServiceSpec(
        name="catalog",
        settings=settings,
        route_handlers=[GearController, Tone3000Controller],
        metadata=metadata,
        migrations_dir=MIGRATIONS_DIR,
        resources=[catalog_resource(settings)],
        dependencies=DEPENDENCIES,
        description="Each user's gear: NAM captures and cab IRs, uploaded or from TONE3000.",
    )
    return create_service_app(spec)
