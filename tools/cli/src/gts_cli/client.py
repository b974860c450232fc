"""A GTS API client for the command line and the end-to-end tests: only the gateway's public API.

It signs in the way a browser does (login, the TONE3000 consent form, the callback) and then
rides on the session cookies, echoing the CSRF cookie on unsafe methods.
"""

from __future__ import annotations

import re
from typing import Any

import httpx

UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
FORM_ACTION = re.compile(r'<form method="post" action="([^"]+)"')


class GtsError(Exception):
    """The API refused a request; the message is the problem's detail."""

    def __init__(self, response: httpx.Response) -> None:
        try:
            body = response.json()
            detail = body.get("detail") or body.get("title") or response.text
        except ValueError:
            detail = response.text[:200]
        super().__init__(f"{response.request.method} {response.request.url.path}: "
                         f"{response.status_code} {detail}")  # fmt: skip
        self.response = response


class GtsClient:
    """A signed-in (after `sign_in`) session against one gateway."""

    def __init__(self, gateway_url: str, timeout: float = 30.0) -> None:
        self.gateway_url = gateway_url.rstrip("/")
        self.http = httpx.Client(
            base_url=self.gateway_url,
            timeout=timeout,
            follow_redirects=False,
            event_hooks={"request": [self._add_csrf]},
        )

    def close(self) -> None:
        """Close the connection pool."""
        self.http.close()

    def __enter__(self) -> GtsClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _add_csrf(self, request: httpx.Request) -> None:
        csrf = self.http.cookies.get("gts_csrf")
        if request.method in UNSAFE and csrf and "x-csrf-token" not in request.headers:
            request.headers["x-csrf-token"] = csrf

    def sign_in(self, username: str, return_to: str = "/") -> dict[str, Any]:
        """Sign in through TONE3000 (the sandbox's consent form) and return `/auth/me`."""
        page = self.http.get("/auth/login", params={"return_to": return_to}, follow_redirects=True)
        match = FORM_ACTION.search(page.text)
        if page.status_code != 200 or match is None:
            raise GtsError(page)
        action = httpx.URL(str(page.url)).join(match.group(1).replace("&amp;", "&"))
        self.http.post(
            str(action),
            data={"username": username, "action": "approve"},
            follow_redirects=True,
        )
        me: dict[str, Any] = self.get("/auth/me")
        return me

    @property
    def access_token(self) -> str | None:
        """The current access token (for a WebSocket's cookie header)."""
        return self.http.cookies.get("gts_access")

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """Any request; raises GtsError on a 4xx or 5xx."""
        response = self.http.request(method, path, **kwargs)
        if response.status_code >= 400:
            raise GtsError(response)
        return response

    def get(self, path: str, **kwargs: Any) -> Any:
        """GET, returning the decoded JSON body."""
        return self.request("GET", path, **kwargs).json()

    def post(self, path: str, **kwargs: Any) -> Any:
        """POST, returning the decoded JSON body (None when empty)."""
        response = self.request("POST", path, **kwargs)
        return response.json() if response.content else None

    def cookie_header(self) -> str:
        """The session cookies as one Cookie header value."""
        return "; ".join(f"{name}={value}" for name, value in self.http.cookies.items())
