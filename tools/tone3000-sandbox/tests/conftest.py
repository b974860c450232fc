"""Fixtures for the stand-in's own tests: one served sandbox and a plain HTTP client."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from tone3000_sandbox import RunningSandbox, SandboxSettings, run_sandbox
from tone3000_sandbox.library import Library, build_library


class Wall:
    """A settable wall clock (epoch seconds) for the sandbox."""

    def __init__(self) -> None:
        self.t = 1_790_000_000.0

    def time(self) -> float:
        return self.t


@pytest.fixture(scope="session")
def library() -> Library:
    return build_library()


@pytest.fixture(scope="module")
def wall() -> Wall:
    return Wall()


@pytest.fixture(scope="module")
async def sandbox(wall: Wall) -> AsyncIterator[RunningSandbox]:
    settings = SandboxSettings(
        redirect_prefixes=("http://127.0.0.1/", "https://app.example/auth/"), now=wall.time
    )
    async with run_sandbox(settings) as running:
        yield running


@pytest.fixture
async def http(sandbox: RunningSandbox) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=sandbox.url) as client:
        await client.post("/_sandbox/reset")
        yield client
