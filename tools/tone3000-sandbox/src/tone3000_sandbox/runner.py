"""Serving the sandbox: in-process with uvicorn (tests) or as a subprocess (`gts up`, e2e)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Generator, Iterator
from dataclasses import dataclass

import httpx
import uvicorn

from tone3000_sandbox.app import create_app
from tone3000_sandbox.settings import SandboxSettings
from tone3000_sandbox.state import SandboxState


@dataclass(frozen=True, slots=True)
class RunningSandbox:
    """Where a started sandbox answers: `url` is its root, `api_url` its `/api/v1` base."""

    url: str
    state: SandboxState | None = None

    @property
    def api_url(self) -> str:
        """The TONE3000 `base_url` to give a client."""
        return f"{self.url}/api/v1"


class _EmbeddedServer(uvicorn.Server):
    # the host process keeps its own signal handling (Ctrl-C stops pytest, not just the sandbox)
    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        yield


@contextlib.asynccontextmanager
async def run_sandbox(
    settings: SandboxSettings | None = None, host: str = "127.0.0.1", port: int = 0
) -> AsyncIterator[RunningSandbox]:
    """Serve a sandbox on the running event loop; `port=0` picks a free port."""
    app = create_app(settings)
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", lifespan="on")
    server = _EmbeddedServer(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
            raise RuntimeError(f"tone3000 sandbox: could not listen on {host}:{port}")
        await asyncio.sleep(0.01)
    bound = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield RunningSandbox(f"http://{host}:{bound}", app.state.sandbox)
    finally:
        server.should_exit = True
        await task


@contextlib.contextmanager
def sandbox_process(
    port: int, host: str = "127.0.0.1", ready_timeout_s: float = 20.0
) -> Iterator[RunningSandbox]:
    """Run `tone3000-sandbox` as a child process until the block ends; waits until it answers."""
    command = [sys.executable, "-m", "tone3000_sandbox", "--host", host, "--port", str(port)]
    process = subprocess.Popen(command, env=os.environ.copy())
    url = f"http://{host}:{port}"
    try:
        _wait_ready(process, url, ready_timeout_s)
        yield RunningSandbox(url)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_ready(process: subprocess.Popen[bytes], url: str, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"tone3000 sandbox exited with {process.returncode} before ready")
        try:
            if httpx.get(f"{url}/_sandbox/health", timeout=1.0).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"tone3000 sandbox at {url} not ready after {timeout_s:.0f} s")
