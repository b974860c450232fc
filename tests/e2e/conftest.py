"""End-to-end fixtures: the five services as processes on the session's real servers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from gts_cli.client import GtsClient
from gts_cli.stack.stack import Stack, StackConfig
from gts_kit.local.ports import free_port
from gts_kit.testing.servers import Servers


@pytest.fixture(scope="package")
def stack(gts_servers: Servers, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """The whole stack (services, TONE3000 sandbox) on the session's PostgreSQL and NATS.

    It shares the session's servers, so tests using it must not use `clean_state`; it stops
    when the e2e package is done, before other packages wipe the servers. Sign-ins from many
    tests (and the fuzzer) come from one address, so the gateway's per-address limit on
    /auth is raised here; its behaviour is tested in the gateway's own tests.
    """
    home: Path = tmp_path_factory.mktemp("stack")
    config = StackConfig(
        home=home,
        gateway_port=free_port(),
        database_url=gts_servers.database_url,
        nats_url=gts_servers.nats_url,
        nats_passwords=gts_servers.nats_passwords or None,
        log_level="INFO",
        env={
            "gateway": {
                "GTS_AUTH_RATE_LIMIT_PER_MINUTE": "100000",
                "GTS_AUTH_RATE_LIMIT_BURST": "100000",
            },
            # so are the per-user upload and render limits (tested in the services' own tests)
            "catalog": {"GTS_UPLOAD_RATE_PER_MINUTE": "100000", "GTS_UPLOAD_RATE_BURST": "100000"},
            "shootouts": {
                "GTS_UPLOAD_RATE_PER_MINUTE": "100000",
                "GTS_UPLOAD_RATE_BURST": "100000",
                "GTS_RENDER_RATE_PER_MINUTE": "100000",
                "GTS_RENDER_RATE_BURST": "100000",
                "GTS_QUOTA_QUEUED_RENDERS": "1000",
            },
        },
    )
    with Stack(config, say=lambda _line: None) as running:
        yield running


def signed_in(stack: Stack, username: str) -> Iterator[GtsClient]:
    """For user fixtures: a client of the stack's gateway, signed in as sandbox `username`."""
    with GtsClient(stack.gateway_url, timeout=60) as client:
        client.sign_in(username)
        yield client


@pytest.fixture(scope="module")
def alice(stack: Stack) -> Iterator[GtsClient]:
    """Sandbox user alice, signed in once per test module."""
    yield from signed_in(stack, "alice")


@pytest.fixture(scope="module")
def bob(stack: Stack) -> Iterator[GtsClient]:
    """Sandbox user bob, signed in once per test module."""
    yield from signed_in(stack, "bob")


@pytest.fixture(scope="module")
def carol(stack: Stack) -> Iterator[GtsClient]:
    """Carol, signed in (her library is separate from the other tests' users)."""
    yield from signed_in(stack, "carol")
