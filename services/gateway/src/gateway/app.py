"""The gateway's Litestar app: the only entry for clients."""

from __future__ import annotations

from pathlib import Path

from litestar import Litestar

from gateway.config import Settings
from gateway.consumers import consumers
from gateway.live.socket import issue_ws_ticket, live_socket
from gateway.openapi import openapi_json
from gateway.proxy.mounts import api_mount, auth_mount, jwks_mount
from gateway.reference_page import docs_asset, docs_page
from gateway.security.listener import issue_listener
from gateway.upstreams import upstream_check, upstream_client
from gateway.web_app import web_app_handlers
from gateway.wiring import edge_resource
from gts_kit.service import ServiceSpec, create_service_app
from gts_kit.settings import load_settings


def create_app(settings: Settings | None = None) -> Litestar:
    """The gateway, wired by the kit."""
    settings = settings or load_settings(Settings)
    spec = ServiceSpec(
        name="gateway",
        settings=settings,
        route_handlers=[
            openapi_json,
            docs_page,
            docs_asset,
            issue_ws_ticket,
            issue_listener,
            live_socket,
            api_mount,
            auth_mount,
            jwks_mount,
            *(web_app_handlers(Path(settings.web_dir)) if settings.web_dir else []),
        ],
        consumers=consumers,
        resources=[upstream_client, edge_resource(settings)],
        readiness={
            name: upstream_check(url) for name, url in settings.internal_upstreams().items()
        },
        description="The only entry for clients: proxies the public API to the services.",
        edge=True,
    )
    return create_service_app(spec)
