"""The shootouts service's Litestar app."""

from __future__ import annotations

from litestar import Litestar

from gts_kit.service import ServiceSpec, create_service_app
from gts_kit.settings import load_settings
from shootouts.api.chain_routes import ChainGroupController, SignalChainController
from shootouts.api.di_routes import DITrackController
from shootouts.api.listening_routes import (
    AbxController,
    ListeningSessionController,
    ShootoutListeningController,
)
from shootouts.api.shootout_routes import (
    JobController,
    OutputController,
    PublicShootoutController,
    ShootoutController,
)
from shootouts.config import Settings
from shootouts.consumers import consumers
from shootouts.db.models import MIGRATIONS_DIR, metadata
from shootouts.wiring import DEPENDENCIES, domain_resource


def create_app(settings: Settings | None = None) -> Litestar:
    """The shootouts service, wired by the kit."""
    settings = settings or load_settings(Settings)
    spec = ServiceSpec(
        name="shootouts",
        settings=settings,
        route_handlers=[
            DITrackController,
            SignalChainController,
            ChainGroupController,
            ShootoutController,
            JobController,
            OutputController,
            PublicShootoutController,
            ShootoutListeningController,
            ListeningSessionController,
            AbxController,
        ],
        metadata=metadata,
        migrations_dir=MIGRATIONS_DIR,
        consumers=lambda ctx: consumers(ctx, settings.render_limits.in_flight),
        resources=[domain_resource(settings)],
        dependencies=DEPENDENCIES,
        description=(
            "DI tracks, signal chains, chain groups, shootouts, render jobs and results; "
            "blind listening, votes and ABX runs."
        ),
    )
    return create_service_app(spec)
