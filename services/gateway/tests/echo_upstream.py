"""A plain ASGI upstream that reports what it received, served by uvicorn on the loopback."""

from __future__ import annotations

import contextlib
import hashlib
import json

from litestar.types import Receive, Scope, Send

from .asgi import serve_on_thread

BIG_CHUNKS = 64
CHUNK = b"x" * 65536


async def echo_app(scope: Scope, receive: Receive, send: Send) -> None:
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    digest, size = hashlib.sha256(), 0
    while True:
        message = await receive()
        body = message.get("body", b"")
        digest.update(body)
        size += len(body)
        if not message.get("more_body"):
            break
    if scope["path"].endswith("/big"):
        await send({"type": "http.response.start", "status": 200, "headers": []})
        for _ in range(BIG_CHUNKS):
            await send({"type": "http.response.body", "body": CHUNK, "more_body": True})
        await send({"type": "http.response.body", "body": b""})
        return
    payload = json.dumps(
        {
            "path": scope["path"],
            "query": scope["query_string"].decode(),
            "method": scope["method"],
            "headers": {k.decode(): v.decode() for k, v in scope["headers"]},
            "size": size,
            "sha256": digest.hexdigest(),
        }
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 201,
            "headers": [
                (b"content-type", b"application/json"),
                (b"x-upstream", b"echo"),
                (b"keep-alive", b"timeout=5"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload})


def serve_echo() -> contextlib.AbstractContextManager[str]:
    """Serve the echo app; yields its base URL."""
    return serve_on_thread(echo_app)
