"""The auth service's Litestar app."""

from __future__ import annotations

from litestar import Litestar

from auth.api.jwks import jwks
from auth.api.login import callback, login
from auth.api.session import api_me, auth_me, logout, refresh
from auth.config import Settings
from auth.consumers import consumers
from auth.db.models import MIGRATIONS_DIR, metadata
from auth.wiring import DEPENDENCIES, build_keys, runtime_resource
from gts_kit.service import ServiceSpec, create_service_app
from gts_kit.settings import load_settings


def create_app(settings: Settings | None = None) -> Litestar:
    """The auth service, wired by the kit; refuses to build without usable keys."""
    settings = settings or load_settings(Settings)
    keys, cipher = build_keys(settings)
    spec = ServiceSpec(
        name="auth",
        settings=settings,
        route_handlers=[login, callback, refresh, logout, auth_me, api_me, jwks],
        metadata=metadata,
        migrations_dir=MIGRATIONS_DIR,
        consumers=consumers,
        resources=[runtime_resource(settings, keys, cipher)],
        dependencies=DEPENDENCIES,
        description="TONE3000 sign-in, GTS access and refresh tokens, JWKS.",
    )
    return create_service_app(spec)
