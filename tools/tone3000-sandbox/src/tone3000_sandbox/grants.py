"""The sandbox's OAuth state: authorization codes, access and refresh tokens, in memory."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from tone3000_sandbox.settings import SandboxSettings


class GrantError(Exception):
    """The token endpoint refuses: `error` is the OAuth error code, `description` says why.

    `from_store` marks a refusal of the identity store behind the endpoint, which TONE3000
    passes on in that store's own shape, `{code, error_code, msg}`, instead of OAuth's.
    """

    def __init__(
        self, error: str, description: str, status: int = 400, *, from_store: bool = False
    ) -> None:
        super().__init__(description)
        self.error = error
        self.description = description
        self.status = status
        self.from_store = from_store

    def body(self) -> dict[str, object]:
        """The JSON answer, in the shape of whoever refused."""
        if self.from_store:
            return {"code": self.status, "error_code": self.error, "msg": self.description}
        return {"error": self.error, "error_description": self.description}


@dataclass(slots=True)
class AuthorizationCode:
    """What an approved authorize request promised, to be checked at the token endpoint."""

    client_id: str
    redirect_uri: str
    challenge: str
    username: str
    issued_at: float


@dataclass(frozen=True, slots=True)
class IssuedTokens:
    """One token-endpoint answer."""

    access_token: str
    refresh_token: str
    expires_in: int


@dataclass(slots=True)
class _Access:
    username: str
    expires_at: float


@dataclass(slots=True)
class _Refresh:
    username: str
    client_id: str


def s256(verifier: str) -> str:
    """The PKCE S256 challenge of `verifier` (base64url of its SHA-256, no padding)."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


class Grants:
    """Codes (single use, `code_ttl_s`), access tokens (`access_token_ttl_s`) and rotating
    refresh tokens, with the clock from the settings."""

    def __init__(self, settings: SandboxSettings) -> None:
        self._settings = settings
        self._codes: dict[str, AuthorizationCode] = {}
        self._access: dict[str, _Access] = {}
        self._refresh: dict[str, _Refresh] = {}
        # refresh tokens of revoked sessions: the identity store no longer knows them
        self._revoked_refresh: set[str] = set()

    def issue_code(self, client_id: str, redirect_uri: str, challenge: str, username: str) -> str:
        """A new authorization code for an approved request."""
        code = secrets.token_urlsafe(24)
        self._codes[code] = AuthorizationCode(
            client_id, redirect_uri, challenge, username, self._settings.now()
        )
        return code

    def exchange_code(
        self, code: str, verifier: str, redirect_uri: str, client_id: str
    ) -> IssuedTokens:
        """Tokens for a valid code; the code is spent. Raises `GrantError` (`invalid_grant`)."""
        grant = self._codes.get(code)
        if grant is None:
            raise GrantError("invalid_grant", "code: unknown or already used")
        if self._settings.now() - grant.issued_at > self._settings.code_ttl_s:
            del self._codes[code]
            raise GrantError("invalid_grant", "code: expired")
        if grant.client_id != client_id:
            raise GrantError("invalid_grant", "client_id: does not match the authorize request")
        if grant.redirect_uri != redirect_uri:
            raise GrantError("invalid_grant", "redirect_uri: does not match the authorize request")
        if not 43 <= len(verifier) <= 128 or not hmac.compare_digest(
            s256(verifier), grant.challenge
        ):
            raise GrantError("invalid_grant", "code_verifier: does not match the code_challenge")
        del self._codes[code]
        return self._issue(grant.username, client_id)

    def refresh(self, refresh_token: str, client_id: str) -> IssuedTokens:
        """A new token set; the refresh token passed in dies. Raises `GrantError`: OAuth's
        `invalid_grant` for a used or unknown token, the store's `refresh_token_not_found`
        for one whose session was revoked."""
        if refresh_token in self._revoked_refresh:
            raise GrantError(
                "refresh_token_not_found",
                "Invalid Refresh Token: Refresh Token Not Found",
                from_store=True,
            )
        grant = self._refresh.get(refresh_token)
        if grant is None:
            raise GrantError("invalid_grant", "refresh_token: unknown, used or revoked")
        if grant.client_id != client_id:
            raise GrantError("invalid_grant", "client_id: the refresh token is another client's")
        del self._refresh[refresh_token]
        return self._issue(grant.username, client_id)

    def username_for(self, access_token: str) -> str | None:
        """Whose live access token this is; None when unknown or expired."""
        access = self._access.get(access_token)
        if access is None or self._settings.now() >= access.expires_at:
            return None
        return access.username

    def revoke(self, username: str, *, access_only: bool = False) -> int:
        """Kill the user's access tokens (and refresh tokens unless `access_only`); how many."""
        dead = [t for t, a in self._access.items() if a.username == username]
        if not access_only:
            dead_refresh = [t for t, r in self._refresh.items() if r.username == username]
            for token in dead_refresh:
                del self._refresh[token]
            self._revoked_refresh.update(dead_refresh)
            dead += dead_refresh
        for token in dead:
            self._access.pop(token, None)
        return len(dead)

    def reset(self) -> None:
        """Forget every code and token."""
        self._codes.clear()
        self._access.clear()
        self._refresh.clear()
        self._revoked_refresh.clear()

    def _issue(self, username: str, client_id: str) -> IssuedTokens:
        ttl = self._settings.access_token_ttl_s
        now = self._settings.now()
        # expired access tokens are dead anyway: keep the table small
        for token in [t for t, a in self._access.items() if a.expires_at <= now]:
            del self._access[token]
        access, refresh = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        self._access[access] = _Access(username, now + ttl)
        self._refresh[refresh] = _Refresh(username, client_id)
        return IssuedTokens(access, refresh, ttl)
