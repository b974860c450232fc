"""One Litestar app per service, wired the same way: database, broker, outbox relay, health, errors.

A service describes itself with a `ServiceSpec`; `create_service_app` does the rest, so each
service's `create_app()` is a few lines.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import AbstractAsyncContextManager, AsyncExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

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
from opentelemetry.trace import Tracer
from sqlalchemy import MetaData
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from gts_kit.db.engine import create_engine, dispose, read_engine, session_factory
from gts_kit.db.messaging_tables import inbox_table, outbox_table
from gts_kit.http.health import ReadinessCheck, database_check, live, nats_check, ready
from gts_kit.http.identity import (
    body_digest_middleware,
    optional_listener,
    optional_user,
    require_user,
)
from gts_kit.http.internal_port import internal_port_middleware
from gts_kit.http.logging import configure_logging, request_id_middleware
from gts_kit.http.metrics import metrics
from gts_kit.http.paging import provide_paging
from gts_kit.http.problems import exception_handlers
from gts_kit.http.tracing import tracing_middleware
from gts_kit.messaging.broker import create_broker, jetstream
from gts_kit.messaging.inbox import Inbox
from gts_kit.messaging.outbox import Outbox
from gts_kit.messaging.provision import provision
from gts_kit.messaging.relay import OutboxRelay
from gts_kit.messaging.streams import stream_limits
from gts_kit.messaging.subscriptions import (
    Subscription,
    connect_broker,
    stop_subscribers,
    subscribe,
)
from gts_kit.parts import Parts
from gts_kit.settings import ServiceSettings
from gts_kit.telemetry import tracer, tracer_provider

log = logging.getLogger("gts.service")
T = TypeVar("T")


@dataclass
class ServiceContext:
    """Everything a service's handlers and consumers share, created in the lifespan."""

    name: str
    settings: ServiceSettings
    broker: NatsBroker
    # where the service's own spans come from (requests, messages and stages are traced)
    tracer: Tracer
    engine: AsyncEngine | None = None
    sessions: async_sessionmaker[AsyncSession] | None = None
    read_engine: AsyncEngine | None = None
    outbox: Outbox | None = None
    inbox: Inbox | None = None
    # what `consumers` gave (each a `Subscription`; typed loosely: Litestar checks this
    # dataclass's fields when it hands `ctx` to a handler, and a union of dataclasses fails)
    subscriptions: list[Any] = field(default_factory=list)
    # what the service builds at start-up, found by type (see gts_kit.parts)
    parts: Parts = field(default_factory=Parts)

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


ConsumerFactory = Callable[[ServiceContext], Sequence[Subscription]]
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
    # Faces clients (the gateway): a request's trace starts here, whatever headers it carries.
    edge: bool = False
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
        app_config.middleware.insert(1, tracing_middleware(trust_callers=not spec.edge))
        # Health and metrics on the internal port only, the API on the public one only.
        app_config.middleware.insert(2, internal_port_middleware(spec.settings.internal_port))
        app_config.middleware.append(body_digest_middleware)
        app_config.lifespan.append(self._lifespan)
        app_config.dependencies.update(
            {
                "ctx": Provide(_provide_ctx, sync_to_thread=False),
                "settings": Provide(_provide_settings, sync_to_thread=False),
                "user_id": Provide(require_user),
                "maybe_user_id": Provide(optional_user),
                "maybe_listener_id": Provide(optional_listener),
                "paging": Provide(provide_paging, sync_to_thread=False),
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
            traces = tracer_provider(spec.name, spec.settings)
            stack.callback(traces.shutdown)  # flushes what is left
            ctx = ServiceContext(
                name=spec.name,
                settings=spec.settings,
                broker=create_broker(
                    spec.settings.nats_url,
                    spec.name,
                    user=spec.settings.nats_user,
                    password=spec.settings.nats_password,
                    traces=traces,
                ),
                tracer=tracer(traces),
            )
            if spec.metadata is not None:
                if not spec.settings.database_url:
                    raise RuntimeError(f"{spec.name}: GTS_DATABASE_URL is required")
                ctx.engine = create_engine(
                    spec.settings.database_url,
                    spec.metadata.schema or spec.name,
                    timeout_seconds=spec.settings.request_timeout_seconds / 2,
                )
                stack.push_async_callback(dispose, ctx.engine)
                ctx.sessions = session_factory(ctx.engine)
                ctx.read_engine = read_engine(ctx.engine)
                ctx.outbox = Outbox(outbox_table(_clone_schema(spec.metadata)))
                ctx.inbox = Inbox(inbox_table(_clone_schema(spec.metadata)))
            if spec.consumers is not None:
                ctx.subscriptions = list(spec.consumers(ctx))
                for subscription in ctx.subscriptions:
                    subscribe(ctx.broker, subscription)
            await connect_broker(ctx.broker)
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
                relay = OutboxRelay(ctx.outbox, ctx.sessions, ctx.broker, spec.name)
                relay.start()
                stack.push_async_callback(relay.stop)
                ctx.parts.put(relay)
            for resource in spec.resources:
                await stack.enter_async_context(resource(ctx))
            # at shutdown the handlers stop (and finish what they hold) before the resources
            # they use close; the connection closes last
            stack.push_async_callback(stop_subscribers, ctx.broker, ctx.subscriptions)
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


def provide_part(cls: type[T]) -> Provide:
    """A dependency that hands a handler the service's part of class `cls` (what a resource
    put in `ctx.parts` at start-up)."""

    def provide(state: State) -> T:
        ctx: ServiceContext = state.ctx
        return ctx.parts.get(cls)

    return Provide(provide, sync_to_thread=False)


def _provide_ctx(state: State) -> ServiceContext:
    ctx: ServiceContext = state.ctx
    return ctx


def _provide_settings(state: State) -> ServiceSettings:
    ctx: ServiceContext = state.ctx
    return ctx.settings


def _clone_schema(metadata: MetaData) -> MetaData:
    # Kit tables go into their own MetaData of the same schema, so services' metadata stays theirs.
    return MetaData(schema=metadata.schema)


def _readiness_checks(spec: ServiceSpec, ctx: ServiceContext) -> dict[str, ReadinessCheck]:
    checks: dict[str, ReadinessCheck] = {"nats": nats_check(ctx.broker)}
    if ctx.engine is not None:
        checks["database"] = database_check(ctx.engine)
    for name, make in spec.readiness.items():
        checks[name] = make(ctx)
    return checks
