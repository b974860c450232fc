"""Settings of the gateway, from `GTS_` environment variables."""

from __future__ import annotations

from pathlib import Path

from gts_kit.settings import ServiceSettings

# The services behind the gateway, each with `<name>_url` and `<name>_internal_url` settings.
UPSTREAMS = ("auth", "catalog", "shootouts", "render")


class Settings(ServiceSettings, kw_only=True, frozen=True):
    """Where each upstream service answers, and how long to wait for it."""

    auth_url: str = "http://127.0.0.1:8001"
    catalog_url: str = "http://127.0.0.1:8002"
    shootouts_url: str = "http://127.0.0.1:8003"
    render_url: str = "http://127.0.0.1:8004"
    # Each upstream's internal port (GTS_INTERNAL_PORT there): the gateway's `/health/ready`
    # asks theirs, which the public port does not serve.
    auth_internal_url: str = "http://127.0.0.1:9001"
    catalog_internal_url: str = "http://127.0.0.1:9002"
    shootouts_internal_url: str = "http://127.0.0.1:9003"
    render_internal_url: str = "http://127.0.0.1:9004"
    upstream_timeout_seconds: float = 30.0
    # Largest request body the gateway forwards (bytes); DI uploads go up to 100 MB.
    max_body_bytes: int = 110 * 1024 * 1024
    # /auth/* requests per client IP: a bucket of `burst`, refilled at `per_minute`
    auth_rate_limit_per_minute: int = 60
    auth_rate_limit_burst: int = 60
    # new anonymous listener cookies (POST /api/v1/listener) per client IP, likewise
    listener_rate_limit_per_minute: int = 5
    listener_rate_limit_burst: int = 10
    # auth's key set: refetched after max age, or on an unknown kid at most this often (seconds)
    jwks_max_age_seconds: float = 300.0
    jwks_min_refetch_seconds: float = 30.0
    # Browser origins, besides public_url's own, whose pages may open `WS /ws` (e.g.
    # ["https://gts.example"]); a WebSocket upgrade from any other Origin is closed with 4003.
    ws_allowed_origins: tuple[str, ...] = ()
    # The web app's build (Vite's `dist`, with index.html) served at `/`; empty: no web app.
    web_dir: str = ""

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.web_dir and not (Path(self.web_dir) / "index.html").is_file():
            raise ValueError(f"web_dir: {self.web_dir} has no index.html (build it: make web)")

    def upstreams(self) -> dict[str, str]:
        """Upstream name -> base URL (its setting `<name>_url`)."""
        return self._urls("_url")

    def internal_upstreams(self) -> dict[str, str]:
        """Upstream name -> base URL of its internal port, for health and metrics (its setting
        `<name>_internal_url`)."""
        return self._urls("_internal_url")

    def _urls(self, suffix: str) -> dict[str, str]:
        return {name: str(getattr(self, name + suffix)).rstrip("/") for name in UPSTREAMS}
