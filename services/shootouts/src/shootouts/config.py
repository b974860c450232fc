"""Settings of the shootouts service, from `GTS_` environment variables."""

from __future__ import annotations

from gts_audio.di import MAX_DI_BYTES, MAX_DI_SECONDS, MIN_DI_SECONDS
from gts_contracts import DI_BUCKET, OUTPUTS_BUCKET
from gts_kit.settings import ServiceSettings


class Settings(ServiceSettings, kw_only=True, frozen=True):
    """What the shootouts service reads at start-up (sizes in bytes, times in seconds)."""

    # Object Store bucket of DI tracks (this service's) and of render outputs (read only).
    di_bucket: str = DI_BUCKET
    outputs_bucket: str = OUTPUTS_BUCKET
    max_di_bytes: int = MAX_DI_BYTES
    max_di_seconds: float = MAX_DI_SECONDS
    # The most chains one chain group may generate.
    max_group_chains: int = 16
    # Where an upload is spooled while it is probed (None: the system temp folder).
    upload_dir: str | None = None

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.max_di_bytes <= 0:
            raise ValueError("max_di_bytes: DI limits must be positive")
        # the renderer refuses what the shared rules refuse, so an upload may only be stricter
        if not MIN_DI_SECONDS <= self.max_di_seconds <= MAX_DI_SECONDS:
            raise ValueError(
                f"max_di_seconds: {self.max_di_seconds:g} s is outside the {MIN_DI_SECONDS:g} to "
                f"{MAX_DI_SECONDS:g} s a DI may last to render"
            )
        if self.max_group_chains < 1:
            raise ValueError("max_group_chains: must be at least 1")
