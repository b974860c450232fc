"""Fixtures: the auth service running against real servers and the stand-in."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from gts_kit.local.ports import free_port
from tone3000_sandbox import RunningSandbox, sandbox_process

from .harness import Harness, running_auth


@pytest.fixture(scope="session")
def stand_in() -> Iterator[RunningSandbox]:
    """The TONE3000 stand-in as a child process (the app under test runs on another loop)."""
    with sandbox_process(free_port()) as sandbox:
        yield sandbox


@pytest.fixture
async def auth(
    clean_state: None, database_url: str, nats_url: str, stand_in: RunningSandbox
) -> AsyncIterator[Harness]:
    """A fresh auth service (empty schema) with a reset stand-in."""
    async with running_auth(database_url, nats_url, stand_in) as harness:
        yield harness
