"""ASGI pieces the gateway's tests share: serve an app on the loopback, answer with JSON, and
build the scope of a request to hand to the identity hook (and see it refused)."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
import uvicorn
from litestar.types import ASGIApp, Send

from gateway.proxy.forward import Identify, ProxyRefusal
from gts_kit.local.ports import free_port


@contextlib.contextmanager
def serve_on_thread(app: ASGIApp) -> Iterator[str]:
    """Serve `app` on its own thread and loop (the app under test blocks the test's loop);
    yields its base URL."""
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error", lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


async def send_json(send: Send, status: int, body: bytes) -> None:
    """Answer with `status` and the JSON document `body`."""
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json")],
        }
    )
    await send({"type": "http.response.body", "body": body})


def scope(path: str, method: str = "GET", **headers: str) -> dict[str, Any]:
    """The scope of a request from 10.0.0.7 (header names with `_` for `-`)."""
    return {
        "type": "http",
        "path": path,
        "method": method,
        "headers": [(k.replace("_", "-").encode(), v.encode()) for k, v in headers.items()],
        "client": ("10.0.0.7", 5555),
    }


async def refusal(hook: Identify, request: dict[str, Any]) -> ProxyRefusal:
    """What the identity `hook` refuses `request` with; the test fails if it lets it pass."""
    with pytest.raises(ProxyRefusal) as refused:
        await hook(request)
    return refused.value
