"""Dependencies shared by the routes: the sandbox state, its URLs and the Bearer user."""

from __future__ import annotations

from tone3000_sandbox.api.errors import ApiError
from tone3000_sandbox.api.request import Req
from tone3000_sandbox.library import SandboxUser
from tone3000_sandbox.state import SandboxState

API_PREFIX = "/api/v1"


def site_url(request: Req, sandbox: SandboxState) -> str:
    """The sandbox's public root (`public_url` from the settings, else the request's base)."""
    if sandbox.settings.public_url:
        return sandbox.settings.public_url.rstrip("/")
    return str(request.base_url).rstrip("/")


def bearer_user(request: Req, sandbox: SandboxState) -> SandboxUser:
    """The user whose live access token is in `Authorization: Bearer`; 401 otherwise."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise ApiError(401, "unauthorized", "Authorization: a Bearer access token is required")
    username = sandbox.grants.username_for(token.strip())
    user = sandbox.library.user_named(username) if username is not None else None
    if user is None:
        raise ApiError(401, "unauthorized", "Authorization: the access token is unknown or expired")
    return user
