"""Requests signed for a user as the gateway signs them, for tests of one service."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

import httpx

from gts_kit.http.identity import sign_identity, sign_listener


async def signed_request(
    client: httpx.AsyncClient, secret: str, user: uuid.UUID, method: str, url: str, **kwargs: Any
) -> httpx.Response:
    """Send `method url` (httpx's keyword arguments) with the identity headers of `user`,
    covering its path, query and body."""
    return await _send(client, secret, user, sign_identity, method, url, **kwargs)


class SignedClient:
    """A service under test as the gateway calls it: each request signed for one user."""

    def __init__(self, client: httpx.AsyncClient, secret: str) -> None:
        self.client = client
        self.secret = secret

    async def request(
        self, user: uuid.UUID | None, method: str, path: str, **kwargs: Any
    ) -> httpx.Response:
        """Send `method path` signed for `user`, or unsigned (anonymous) when it is None."""
        if user is not None:
            return await signed_request(self.client, self.secret, user, method, path, **kwargs)
        return await self.client.request(method, path, **kwargs)

    async def post_file(
        self, user: uuid.UUID, path: str, filename: str, data: bytes, **fields: str
    ) -> httpx.Response:
        """POST `data` as the multipart part `file` named `filename`, with form `fields`."""
        return await self.request(user, "POST", path, files={"file": (filename, data)}, data=fields)


async def listener_request(
    client: httpx.AsyncClient,
    secret: str,
    listener: uuid.UUID,
    method: str,
    url: str,
    **kwargs: Any,
) -> httpx.Response:
    """Send `method url` as the gateway forwards an anonymous listener's request."""
    return await _send(client, secret, listener, sign_listener, method, url, **kwargs)


async def _send(
    client: httpx.AsyncClient,
    secret: str,
    who: uuid.UUID,
    sign: Any,
    method: str,
    url: str,
    **kwargs: Any,
) -> httpx.Response:
    follow = kwargs.pop("follow_redirects", httpx.USE_CLIENT_DEFAULT)
    request = client.build_request(method, url, **kwargs)
    body = await request.aread()
    signed = sign(
        secret,
        who,
        method,
        request.url.path,
        request.url.query.decode("latin-1"),
        hashlib.sha256(body).hexdigest(),
    )
    request.headers.update({k.decode(): v.decode() for k, v in signed})
    return await client.send(request, follow_redirects=follow)
