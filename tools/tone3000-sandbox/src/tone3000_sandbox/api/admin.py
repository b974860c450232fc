"""Test controls outside /api/v1: the 429 switch, revoking a user's grant, reset, health."""

from __future__ import annotations

import msgspec
from litestar import Controller, get, post

from tone3000_sandbox.api.errors import ApiError
from tone3000_sandbox.state import SandboxState


class ThrottleRequest(msgspec.Struct):
    """Answer the next `count` API requests with 429 and `Retry-After: retry_after` seconds."""

    count: int
    retry_after: float = 1.0
    as_http_date: bool = False


class RevokeRequest(msgspec.Struct):
    """Kill `username`'s tokens; `access_only` keeps refresh tokens (an expired access token)."""

    username: str
    access_only: bool = False


class AdminController(Controller):
    """`/_sandbox/*`: never part of TONE3000's API."""

    path = "/_sandbox"

    @get("/health", sync_to_thread=False)
    def health(self, sandbox: SandboxState) -> dict[str, object]:
        """Ready: how many users and tones are served."""
        return {
            "ok": True,
            "users": len(sandbox.library.users),
            "tones": len(sandbox.library.tones),
        }

    @post("/throttle", status_code=200, sync_to_thread=False)
    def throttle(self, sandbox: SandboxState, data: ThrottleRequest) -> dict[str, int]:
        """Switch 429s on for the next `count` requests."""
        if data.count < 0 or data.retry_after < 0:
            raise ApiError(400, "invalid_request", "count, retry_after: must not be negative")
        sandbox.throttle.remaining = data.count
        sandbox.throttle.retry_after_s = data.retry_after
        sandbox.throttle.as_http_date = data.as_http_date
        return {"remaining": data.count}

    @post("/revoke", status_code=200, sync_to_thread=False)
    def revoke(self, sandbox: SandboxState, data: RevokeRequest) -> dict[str, int]:
        """Revoke the user's grant (or only expire their access tokens)."""
        if sandbox.library.user_named(data.username) is None:
            raise ApiError(404, "not_found", f"username: {data.username!r} is not a sandbox user")
        return {"revoked": sandbox.grants.revoke(data.username, access_only=data.access_only)}

    @post("/reset", status_code=200, sync_to_thread=False)
    def reset(self, sandbox: SandboxState) -> dict[str, bool]:
        """Forget every code and token and switch the throttle off."""
        sandbox.grants.reset()
        sandbox.throttle.remaining = 0
        return {"ok": True}
