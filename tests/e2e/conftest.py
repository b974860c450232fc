"""End-to-end fixtures: the five services as processes on the session's real servers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from gts_cli.stack.stack import Stack, StackConfig
from gts_kit.local.ports import free_port
from gts_kit.testing.servers import Servers


@pytest.fixture(scope="session")
def stack(gts_servers: Servers, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """The whole stack (services, TONE3000 sandbox) on the session's PostgreSQL and NATS.

    It shares the session's servers, so tests using it must not use `clean_state`.
    """
    home: Path = tmp_path_factory.mktemp("stack")
    config = StackConfig(
        home=home,
        gateway_port=free_port(),
        database_url=gts_servers.database_url,
        nats_url=gts_servers.nats_url,
        log_level="INFO",
    )
    with Stack(config, say=lambda _line: None) as running:
        yield running
