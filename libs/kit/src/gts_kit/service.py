"""One Litestar app per service, wired the same way: database, broker, outbox relay, health, errors.

A service describes itself with a `ServiceSpec`; `create_service_app` does the rest, so each
service's `create_app()` is a few lines.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import AbstractAsyncContextManager, AsyncExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from faststream.nats import NatsBroker
from litestar import Litestar
from litestar.config.app import AppConfig
from litestar.datastructures import State
from litestar.di import Provide
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import ScalarRenderPlugin
from litestar.plugins import InitPluginProtocol
from litestar.types import ControllerRouterHandler
from nats.js import JetStreamContext
from sqlalchemy import MetaData, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from gts_kit.db.engine import create_engine, read_engine, session_factory
from gts_kit.db.messaging_tables import inbox_table, outbox_table
from gts_kit.http.health import ReadinessCheck, live, ready
from gts_kit.http.identity import (
    body_digest_middleware,
    optional_listener,
    optional_user,
    require_user,
)
from gts_kit.http.internal_port import internal_port_middleware
from gts_kit.http.logging import configure_logging, request_id_middleware
from gts_kit.http.metrics import metrics
from gts_kit.http.problems import exception_handlers
from gts_kit.messaging import consumer as consumers
from gts_kit.messaging.broker import create_broker, is_connected, jetstream
from gts_kit.messaging.inbox import Inbox
from gts_kit.messaging.outbox import Outbox
from gts_kit.messaging.provision import provision
from gts_kit.messaging.relay import OutboxRelay
from gts_kit.messaging.streams import stream_limits
from gts_kit.settings import ServiceSettings

log = logging.getLogger("gts.service")

NATS_START_ATTEMPTS = 30


@dataclass
class ServiceContext:
    """Everything a service's handlers and consumers share, created in the lifespan."""

    name: str
    settings: ServiceSettings
    broker: NatsBroker
    engine: AsyncEngine | None = None
    sessions: async_sessionmaker[AsyncSession] | None = None
    read_engine: AsyncEngine | None = None
    outbox: Outbox | None = None
    inbox: Inbox | None = None
    extras: dict[str, Any] = field(default_factory=dict)

    @property
    def js(self) -> JetStreamContext:
        """The JetStream context (only once the broker has started)."""
        return jetstream(self.broker)

    def db(self) -> async_sessionmaker[AsyncSession]:
        """The session factory; a service without a database has none."""
        if self.sessions is None:
            raise RuntimeError(f"service {self.name} has no database")
        return self.sessions

    def reads(self) -> AsyncEngine:
        """The autocommit engine for single-statement reads."""
        if self.read_engine is None:
            raise RuntimeError(f"service {self.name} has no database")
        return self.read_engine


ConsumerFactory = Callable[[ServiceContext], Sequence["consumers.Consumer[Any]"]]
Resource = Callable[[ServiceContext], AbstractAsyncContextManager[None]]


@dataclass
class ServiceSpec:
    """What makes one service different from the others."""

    name: str
    settings: ServiceSettings
    route_handlers: Sequence[ControllerRouterHandler] = ()
    # Tables live in this schema; None for a service that owns no tables.
    metadata: MetaData | None = None
    migrations_dir: Path | None = None
    consumers: ConsumerFactory | None = None
    # Async context managers entered after the broker starts (HTTP clients, caches, workers).
    resources: Sequence[Resource] = ()
    readiness: dict[str, Callable[[ServiceContext], ReadinessCheck]] = field(default_factory=dict)
    dependencies: dict[str, Provide] = field(default_factory=dict)
    openapi_title: str | None = None
    description: str = ""
    version: str = "1.0.0"

    @property
    def schema(self) -> str | None:
        """The PostgreSQL schema this service owns."""
        return self.metadata.schema if self.metadata is not None else None


class ServicePlugin(InitPluginProtocol):
    """Wires routes, dependencies, exception handlers, OpenAPI, middleware and the lifespan."""

    def __init__(self, spec: ServiceSpec) -> None:
        self.spec = spec

    def on_app_init(self, app_config: AppConfig) -> AppConfig:
        spec = self.spec
        app_config.route_handlers.extend([live, ready, metrics, *spec.route_handlers])
        app_config.exception_handlers.update(exception_handlers())
        app_config.middleware.insert(0, request_id_middleware(spec.name))
        # Health and metrics on the internal port only, the API on the public one only.
        app_config.middleware.insert(1, internal_port_middleware(spec.settings.internal_port))
        app_config.middleware.append(body_digest_middleware)
        app_config.lifespan.append(self._lifespan)
        app_config.dependencies.update(
            {
                "ctx": Provide(_provide_ctx, sync_to_thread=False),
                "settings": Provide(_provide_settings, sync_to_thread=False),
                "user_id": Provide(require_user),
                "maybe_user_id": Provide(optional_user),
                "maybe_listener_id": Provide(optional_listener),
                **spec.dependencies,
            }
        )
        app_config.openapi_config = OpenAPIConfig(
            title=spec.openapi_title or f"GTS {spec.name}",
            version=spec.version,
            description=spec.description,
            path="/schema",
            render_plugins=[ScalarRenderPlugin()],
        )
        return app_config

    @contextlib.asynccontextmanager
    async def _lifespan(self, app: Litestar) -> AsyncIterator[None]:
        spec = self.spec
        configure_logging(spec.name, spec.settings.log_level)
        async with AsyncExitStack() as stack:
            ctx = ServiceContext(
                name=spec.name,
                settings=spec.settings,
                broker=create_broker(
                    spec.settings.nats_url,
                    spec.name,
                    user=spec.settings.nats_user,
                    password=spec.settings.nats_password,
                ),
            )
            if spec.metadata is not None:
                if not spec.settings.database_url:
                    raise RuntimeError(f"{spec.name}: GTS_DATABASE_URL is required")
                ctx.engine = create_engine(
                    spec.settings.database_url,
                    spec.metadata.schema or spec.name,
                    timeout_seconds=spec.settings.request_timeout_seconds / 2,
                )
                stack.push_async_callback(_dispose, ctx.engine)
                ctx.sessions = session_factory(ctx.engine)
                ctx.read_engine = read_engine(ctx.engine)
                ctx.outbox = Outbox(outbox_table(_clone_schema(spec.metadata)))
                ctx.inbox = Inbox(inbox_table(_clone_schema(spec.metadata)))
            if spec.consumers is not None:
                for consumer in spec.consumers(ctx):
                    consumers.register(ctx.broker, consumer)
            await _connect_broker(ctx.broker)
            stack.push_async_callback(ctx.broker.stop)
            # Streams and buckets first: subscribers bind to durable consumers on them. A
            # service with its own NATS user may not create them: provisioning did.
            if not spec.settings.nats_user:
                settings = spec.settings
                await provision(
                    ctx.js,
                    settings.nats_replicas,
                    stream_limits(settings.stream_max_bytes, settings.stream_max_age_seconds),
                    settings.bucket_max_bytes,
                )
            await ctx.broker.start()
            if ctx.outbox is not None and ctx.sessions is not None:
                relay = OutboxRelay(ctx.outbox, ctx.sessions, ctx.js, spec.name)
                relay.start()
                stack.push_async_callback(relay.stop)
                ctx.extras["relay"] = relay
            for resource in spec.resources:
                await stack.enter_async_context(resource(ctx))
            app.state.ctx = ctx
            app.state.readiness_checks = _readiness_checks(spec, ctx)
            settings = spec.settings
            log.info(
                "%s ready on %s:%s (health and metrics on %s)",
                spec.name,
                settings.host,
                settings.port,
                settings.internal_port,
            )
            yield


def create_service_app(spec: ServiceSpec, **litestar_kwargs: Any) -> Litestar:
    """The Litestar app of one service."""
    return Litestar(plugins=[ServicePlugin(spec)], **litestar_kwargs)


DISPOSE_TIMEOUT_SECONDS = 5.0


async def _dispose(engine: AsyncEngine) -> None:
    # Shutting down must never hang on a connection that will not close (a server gone away).
    try:
        await asyncio.wait_for(engine.dispose(), DISPOSE_TIMEOUT_SECONDS)
    except (TimeoutError, OSError) as exc:
        log.warning("database connections did not close cleanly: %s", exc or "timed out")
        await engine.dispose(close=False)


def _provide_ctx(state: State) -> ServiceContext:
    ctx: ServiceContext = state.ctx
    return ctx


def _provide_settings(state: State) -> ServiceSettings:
    ctx: ServiceContext = state.ctx
    return ctx.settings


def _clone_schema(metadata: MetaData) -> MetaData:
    # Kit tables go into their own MetaData of the same schema, so services' metadata stays theirs.
    return MetaData(schema=metadata.schema)


async def _connect_broker(broker: NatsBroker) -> None:
    for attempt in range(1, NATS_START_ATTEMPTS + 1):
        try:
            await broker.connect()
            return
        except Exception as exc:
            if attempt == NATS_START_ATTEMPTS:
                raise RuntimeError(f"cannot reach NATS: {exc}") from exc
            log.warning("waiting for NATS (attempt %d): %s", attempt, exc)
            await broker.stop()
            await asyncio.sleep(1.0)


def _readiness_checks(spec: ServiceSpec, ctx: ServiceContext) -> dict[str, ReadinessCheck]:
    checks: dict[str, ReadinessCheck] = {"nats": _nats_check(ctx)}
    if ctx.engine is not None:
        checks["database"] = _database_check(ctx.engine)
    for name, make in spec.readiness.items():
        checks[name] = make(ctx)
    return checks


def _nats_check(ctx: ServiceContext) -> ReadinessCheck:
    async def check() -> str | None:
        if not is_connected(ctx.broker):
            return "not connected"
        await ctx.broker.connection.flush(timeout=1)
        return None

    return check


def _database_check(engine: AsyncEngine) -> ReadinessCheck:
    async def check() -> str | None:
        async with engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
        return None

    return check
