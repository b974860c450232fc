"""Fixtures for the TONE3000 client tests: a fake clock and the stand-in served on 127.0.0.1."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from gts_tone3000 import (
    SlidingWindowLimiter,
    TokenSet,
    Tone3000Client,
    Tone3000Config,
    new_pkce_pair,
)
from tone3000_sandbox import DEFAULT_CLIENT_ID, RunningSandbox, SandboxSettings, run_sandbox

REDIRECT_URI = "http://127.0.0.1:8765/auth/tone3000/callback"


class FakeClock:
    """One fake time for the client (monotonic, now, sleep) and the sandbox (`time`).

    `sleep` either advances time by itself (`auto_advance`) or waits until a test calls
    `advance` past its deadline; every requested delay is recorded in `sleeps`.
    """

    def __init__(self, start: float = 1_790_000_000.0, *, auto_advance: bool = True) -> None:
        self.t = start
        self.auto_advance = auto_advance
        self.sleeps: list[float] = []
        self._waiters: list[tuple[float, asyncio.Future[None]]] = []

    def time(self) -> float:
        return self.t

    def monotonic(self) -> float:
        return self.t

    def now(self) -> datetime:
        return datetime.fromtimestamp(self.t, UTC)

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        if self.auto_advance:
            self.t += seconds
            await asyncio.sleep(0)
            return
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.append((self.t + seconds, done))
        await done

    def advance(self, seconds: float) -> None:
        self.t += seconds
        for deadline, done in list(self._waiters):
            if deadline <= self.t and not done.done():
                done.set_result(None)
                self._waiters.remove((deadline, done))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(scope="module")
def wall() -> FakeClock:
    """The sandbox's wall clock for this module (tests move it to expire codes and tokens)."""
    return FakeClock()


@pytest.fixture(scope="module")
async def sandbox(wall: FakeClock) -> AsyncIterator[RunningSandbox]:
    settings = SandboxSettings(access_token_ttl_s=600, now=wall.time)
    async with run_sandbox(settings) as running:
        yield running


@pytest.fixture
async def http(sandbox: RunningSandbox) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient() as client:
        await client.post(f"{sandbox.url}/_sandbox/reset")
        yield client


@pytest.fixture
def config(sandbox: RunningSandbox) -> Tone3000Config:
    return Tone3000Config(client_id=DEFAULT_CLIENT_ID, base_url=sandbox.api_url)


@pytest.fixture
def client(http: httpx.AsyncClient, config: Tone3000Config, clock: FakeClock) -> Tone3000Client:
    return Tone3000Client(http, config, clock=clock, limiter=SlidingWindowLimiter(clock))


async def approve(
    http: httpx.AsyncClient,
    client: Tone3000Client,
    username: str = "alice",
    redirect_uri: str = REDIRECT_URI,
    **optional: str,
) -> tuple[str, str]:
    """Sign in on the sandbox's page as `username`: returns (code, verifier)."""
    verifier, challenge = new_pkce_pair()
    url = client.authorize_url(redirect_uri, "st-1", challenge, **optional)
    page = await http.get(url)
    assert page.status_code == 200, page.text
    answer = await http.post(url, data={"username": username, "action": "approve"})
    assert answer.status_code == 303, answer.text
    query = parse_qs(urlsplit(answer.headers["location"]).query)
    assert query["state"] == ["st-1"]
    return query["code"][0], verifier


@pytest.fixture
def sign_in(http: httpx.AsyncClient, client: Tone3000Client):
    """`await sign_in("alice")` -> (code, verifier)."""

    async def run(username: str = "alice", **optional: str) -> tuple[str, str]:
        return await approve(http, client, username, **optional)

    return run


@pytest.fixture
def redirect_uri() -> str:
    return REDIRECT_URI


@pytest.fixture
def tokens_for(sign_in, client: Tone3000Client):
    """`await tokens_for("alice")` -> a fresh TokenSet for that sandbox user."""

    async def run(username: str = "alice") -> TokenSet:
        code, verifier = await sign_in(username)
        return await client.exchange_code(code, verifier, REDIRECT_URI)

    return run
