"""Settings of the catalog service, from `GTS_` environment variables."""

from __future__ import annotations

from urllib.parse import urlsplit

from catalog.gear.quota import GearQuotas
from gts_contracts import GEAR_BUCKET
from gts_contracts.fields import GearFormat
from gts_kit.quotas import Quota
from gts_kit.settings import ServiceSettings, require_at_least_one
from gts_nam import MAX_NAM_BYTES


class Settings(ServiceSettings, kw_only=True, frozen=True):
    """What the catalog service reads at start-up (sizes in bytes, times in seconds)."""

    # Object Store bucket holding gear files, keyed by sha256.
    gear_bucket: str = GEAR_BUCKET
    max_nam_bytes: int = MAX_NAM_BYTES
    # 10 s of stereo 32-bit audio at 192 kHz is 15.4 MB.
    max_ir_bytes: int = 16_000_000
    tone3000_url: str = "https://www.tone3000.com/api/v1"
    tone3000_client_id: str = ""
    # How long to wait for auth to answer a TONE3000 token request.
    token_timeout_seconds: float = 5.0
    # Models downloaded at once by one import (TONE3000 allows 100 requests a minute).
    import_concurrency: int = 4
    # Per-user quotas, counted from what the user owns when an item is added (uploads and
    # TONE3000 imports alike): 429 past the item count, 413 past the stored bytes (a file
    # counts once per user). The defaults hold a large library of captures and IRs.
    quota_gear_items: int = 1000
    quota_gear_bytes: int = 1_000_000_000
    # Uploads and TONE3000 imports per user: `upload_rate_burst` at once, then
    # `upload_rate_per_minute`; 429 with Retry-After beyond. Each replica counts on its own.
    upload_rate_per_minute: int = 30
    upload_rate_burst: int = 10

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.max_nam_bytes <= 0 or self.max_ir_bytes <= 0:
            raise ValueError("max_nam_bytes: limits must be positive")
        if self.import_concurrency < 1:
            raise ValueError("import_concurrency: must be at least 1")
        require_at_least_one(
            self,
            ("quota_gear_items", "quota_gear_bytes", "upload_rate_per_minute", "upload_rate_burst"),
        )

    @property
    def tone3000_api_url(self) -> str:
        """TONE3000's API base: `tone3000_url` as given, with `/api/v1` added to a bare origin
        (deploy configs name the site, as auth's do)."""
        url = self.tone3000_url.rstrip("/")
        return url if urlsplit(url).path not in ("", "/") else url + "/api/v1"

    @property
    def gear_quotas(self) -> GearQuotas:
        """The per-user quotas on gear items and stored gear bytes."""
        return GearQuotas(
            items=Quota("gear_items", "gear items", self.quota_gear_items),
            bytes=Quota("gear_bytes", "gear storage", self.quota_gear_bytes, in_bytes=True),
        )

    @property
    def file_limits(self) -> dict[GearFormat, int]:
        """The largest accepted file of each format, in bytes."""
        return {"nam": self.max_nam_bytes, "ir": self.max_ir_bytes}
