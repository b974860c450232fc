"""Settings of the auth service, from `GTS_` environment variables."""

from __future__ import annotations

from urllib.parse import urlsplit

import msgspec

from gts_kit.settings import ServiceSettings


class Settings(ServiceSettings, kw_only=True, frozen=True):
    """What the auth service reads at start-up.

    `jwt_private_keys` maps key id -> Ed25519 private key PEM; the JWKS publishes all of them
    (previous, current, next) and `jwt_current_kid` (default: the last id in sorted order)
    signs. `token_encryption_keys` maps key id -> url-safe base64 of 32 bytes (AES-256-GCM);
    `token_encryption_current_kid` (default: the last id) encrypts, every listed key decrypts.
    Lifetimes are seconds.
    """

    tone3000_url: str = "https://www.tone3000.com/api/v1"
    tone3000_client_id: str = ""
    jwt_private_keys: dict[str, str] = msgspec.field(default_factory=dict)
    jwt_current_kid: str | None = None
    token_encryption_keys: dict[str, str] = msgspec.field(default_factory=dict)
    token_encryption_current_kid: str | None = None
    access_token_ttl_seconds: int = 900
    refresh_token_ttl_seconds: int = 30 * 24 * 3600
    login_ttl_seconds: int = 600
    # refresh a TONE3000 access token when it dies within this many seconds
    tone3000_refresh_margin_seconds: float = 60.0

    def __post_init__(self) -> None:
        super().__post_init__()
        if not 60 <= self.access_token_ttl_seconds <= 3600:
            raise ValueError("access_token_ttl_seconds: must be between 60 and 3600")
        if self.login_ttl_seconds <= 0:
            raise ValueError("login_ttl_seconds: must be positive")

    @property
    def tone3000_api_url(self) -> str:
        """TONE3000's API base: `tone3000_url` as given, with `/api/v1` added to a bare origin
        (deploy configs name the site, `https://www.tone3000.com`)."""
        url = self.tone3000_url.rstrip("/")
        return url if urlsplit(url).path not in ("", "/") else url + "/api/v1"

    @property
    def issuer(self) -> str:
        """The `iss` of GTS access tokens: the public URL without a trailing slash."""
        return self.public_url.rstrip("/")

    @property
    def redirect_uri(self) -> str:
        """Where TONE3000 sends the browser back: the public callback."""
        return self.public_url.rstrip("/") + "/auth/callback"

    @property
    def secure_cookies(self) -> bool:
        """Cookies carry `Secure` whenever the site is served over https."""
        return self.public_url.startswith("https://")
