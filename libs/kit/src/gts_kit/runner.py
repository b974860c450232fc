"""The command line every service shares: `gts-<service> serve`, `migrate` and `provision`."""

from __future__ import annotations

import argparse
import asyncio
import gc
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

import uvicorn
from litestar import Litestar

from gts_kit.db.migrations import MigrationError, migrate
from gts_kit.local.ports import port_in_use
from gts_kit.messaging.provision import ProvisionError, provision_as
from gts_kit.settings import ServiceSettings, SettingsError, load_settings

S = TypeVar("S", bound=ServiceSettings)


def run_service_cli(
    name: str,
    settings_type: type[S],
    make_app: Callable[[S], Litestar],
    *,
    schema: str | None = None,
    migrations_dir: Path | None = None,
    argv: Sequence[str] | None = None,
) -> int:
    """Parse `serve`/`migrate`/`provision`, validate settings, and run; every failure is one
    line on stderr. `provision` creates the streams and buckets as the (admin) NATS user."""
    parser = argparse.ArgumentParser(prog=f"gts-{name}")
    parser.add_argument("action", choices=["serve", "migrate", "provision"])
    args = parser.parse_args(argv)
    required = ("database_url",) if schema is not None and args.action != "provision" else ()
    try:
        settings = load_settings(settings_type, required=required)
    except SettingsError as exc:
        print(f"gts-{name}: invalid settings: {exc}", file=sys.stderr)
        return 2
    if args.action == "migrate":
        return _migrate(name, settings, schema, migrations_dir)
    if args.action == "provision":
        return _provision(name, settings)
    for port in (settings.port, settings.internal_port):
        if port_in_use(port, settings.host):
            print(f"gts-{name}: port {port} on {settings.host} is in use", file=sys.stderr)
            return 1
    app = make_app(settings)
    # What imports and app building made lives as long as the process: keep it out of the
    # collector's full passes, which otherwise stall every request in flight for tens of ms.
    gc.collect()
    gc.freeze()
    # One server on two sockets: the public port and the internal one (health and metrics);
    # the app tells them apart by the port each connection came in on.
    configs = [
        uvicorn.Config(
            app,
            host=settings.host,
            port=port,
            log_config=None,
            access_log=False,
            timeout_graceful_shutdown=20,
            ws_ping_interval=20,
        )
        for port in (settings.port, settings.internal_port)
    ]
    sockets = [config.bind_socket() for config in configs]
    uvicorn.Server(configs[0]).run(sockets=sockets)
    return 0


def _migrate(
    name: str, settings: ServiceSettings, schema: str | None, migrations_dir: Path | None
) -> int:
    if schema is None or migrations_dir is None or settings.database_url is None:
        print(f"gts-{name}: owns no tables, nothing to migrate", file=sys.stderr)
        return 0
    try:
        migrate(migrations_dir, settings.database_url, schema)
    except MigrationError as exc:
        print(f"gts-{name}: {exc}", file=sys.stderr)
        return 1
    return 0


def _provision(name: str, settings: ServiceSettings) -> int:
    try:
        asyncio.run(provision_as(settings))
    except ProvisionError as exc:
        print(f"gts-{name}: provisioning failed: {exc}", file=sys.stderr)
        return 1
    return 0
