"""Settings of the catalog service, from `GTS_` environment variables."""

from __future__ import annotations

from urllib.parse import urlsplit

from gts_contracts import GEAR_BUCKET
from gts_contracts.fields import GearFormat
from gts_kit.settings import ServiceSettings
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

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.max_nam_bytes <= 0 or self.max_ir_bytes <= 0:
            raise ValueError("max_nam_bytes: limits must be positive")
        if self.import_concurrency < 1:
            raise ValueError("import_concurrency: must be at least 1")

    @property
    def tone3000_api_url(self) -> str:
        """TONE3000's API base: `tone3000_url` as given, with `/api/v1` added to a bare origin
        (deploy configs name the site, as auth's do)."""
        url = self.tone3000_url.rstrip("/")
        return url if urlsplit(url).path not in ("", "/") else url + "/api/v1"

    @property
    def file_limits(self) -> dict[GearFormat, int]:
        """The largest accepted file of each format, in bytes."""
        return {"nam": self.max_nam_bytes, "ir": self.max_ir_bytes}
