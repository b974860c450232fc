"""Settings of the shootouts service, from `GTS_` environment variables."""

from __future__ import annotations

from gts_audio.di import MAX_DI_BYTES, MAX_DI_SECONDS, MIN_DI_SECONDS
from gts_contracts import DI_BUCKET, OUTPUTS_BUCKET
from gts_kit.quotas import Quota
from gts_kit.settings import ServiceSettings, require_at_least_one
from shootouts.jobs.limits import RenderLimits
from shootouts.quotas import Quotas


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
    # Renders per user: commands in render's queue at once (fair turns between users; one per
    # render worker slot is plenty), unfinished jobs (429 past it), and submissions a minute
    # after a burst (429 with Retry-After; each replica counts on its own).
    render_in_flight_per_user: int = 1
    quota_queued_renders: int = 10
    render_rate_per_minute: int = 10
    render_rate_burst: int = 5
    # Per-user quotas, counted from what the user owns when one more is added: 429 past a
    # count, 413 past the stored DI bytes (the same audio counts once per user).
    quota_di_tracks: int = 100
    quota_di_bytes: int = 2_000_000_000
    quota_shootouts: int = 500
    quota_signal_chains: int = 2000
    quota_chain_groups: int = 200
    # DI uploads per user: `upload_rate_burst` at once, then `upload_rate_per_minute`; 429
    # with Retry-After beyond. Each replica counts on its own.
    upload_rate_per_minute: int = 20
    upload_rate_burst: int = 5
    # Listening submissions per listener (new blind or ABX sessions, votes, ABX answers):
    # `listening_rate_burst` at once, then `listening_rate_per_minute`; 429 beyond.
    listening_rate_per_minute: int = 60
    listening_rate_burst: int = 30

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
        require_at_least_one(
            self,
            (
                "render_in_flight_per_user",
                "render_rate_per_minute",
                "render_rate_burst",
                *(name for name in self.__struct_fields__ if name.startswith("quota_")),
                "upload_rate_per_minute",
                "upload_rate_burst",
                "listening_rate_per_minute",
                "listening_rate_burst",
            ),
        )

    @property
    def quotas(self) -> Quotas:
        """The per-user quotas on DI tracks, DI bytes, shootouts, chains and chain groups."""
        return Quotas(
            di_tracks=Quota("di_tracks", "DI tracks", self.quota_di_tracks),
            di_bytes=Quota("di_bytes", "DI storage", self.quota_di_bytes, in_bytes=True),
            shootouts=Quota("shootouts", "shootouts", self.quota_shootouts),
            signal_chains=Quota("signal_chains", "signal chains", self.quota_signal_chains),
            chain_groups=Quota("chain_groups", "chain groups", self.quota_chain_groups),
        )

    @property
    def render_limits(self) -> RenderLimits:
        """The per-user limits on render jobs."""
        return RenderLimits(
            in_flight=self.render_in_flight_per_user,
            queued=self.quota_queued_renders,
            per_minute=self.render_rate_per_minute,
            burst=self.render_rate_burst,
        )
