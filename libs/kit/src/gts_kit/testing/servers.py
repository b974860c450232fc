"""Where the test session's PostgreSQL and NATS come from: env URLs, testcontainers, or embedded."""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from gts_kit.local.nats import NatsServer
from gts_kit.local.nats_auth import ADMIN_USER, random_passwords
from gts_kit.local.postgres import PostgresServer

log = logging.getLogger("gts.testing")


@dataclass
class Servers:
    """The session's servers; the embedded ones can be stopped and started by fault tests."""

    database_url: str
    nats_url: str
    postgres: PostgresServer | None = None
    nats: NatsServer | None = None
    source: str = "embedded"
    # NATS user -> password on the embedded server (empty: no authentication); a client
    # without credentials is the admin there.
    nats_passwords: dict[str, str] = field(default_factory=dict)


@contextlib.contextmanager
def session_servers(workdir: Path) -> Iterator[Servers]:
    """Env URLs when both are set; else testcontainers when Docker answers; else embedded."""
    db_url, nats_url = os.environ.get("GTS_DATABASE_URL"), os.environ.get("GTS_NATS_URL")
    if db_url and nats_url:
        yield Servers(database_url=db_url, nats_url=nats_url, source="environment")
        return
    with contextlib.ExitStack() as stack:
        containers = _try_containers(stack)
        if containers is not None:
            yield containers
            return
        pg = PostgresServer(workdir / "postgres")
        pg.start()
        stack.callback(pg.stop, mode="immediate")
        passwords = random_passwords()
        nats = NatsServer(workdir / "nats", passwords=passwords, no_auth_user=ADMIN_USER)
        nats.start()
        stack.callback(nats.stop)
        yield Servers(
            database_url=pg.url,
            nats_url=nats.url,
            postgres=pg,
            nats=nats,
            nats_passwords=passwords,
        )


def _try_containers(stack: contextlib.ExitStack) -> Servers | None:
    try:
        from docker.errors import DockerException
        from testcontainers.core.container import DockerContainer
        from testcontainers.postgres import PostgresContainer
    except ImportError:
        return None
    try:
        pg = PostgresContainer("postgres:18", driver="asyncpg")
        nats = DockerContainer("nats:2.11").with_command("-js").with_exposed_ports(4222)
    except DockerException:
        # No Docker engine answers here: the embedded servers take over.
        return None
    try:
        stack.enter_context(pg)
        stack.enter_context(nats)
    except DockerException as exc:
        log.warning("testcontainers failed, using embedded servers: %s", exc)
        return None
    nats_url = f"nats://{nats.get_container_host_ip()}:{nats.get_exposed_port(4222)}"
    return Servers(database_url=pg.get_connection_url(), nats_url=nats_url, source="containers")
