"""Object-store buckets: one per owning service; only the owner writes, others read by sha256."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

GEAR_BUCKET = "catalog-gear"
"""`.nam` captures and IR WAVs, written by catalog; render reads them by sha256."""

DI_BUCKET = "shootouts-di"
"""DI recordings, written by shootouts; render reads them by sha256."""

OUTPUTS_BUCKET = "render-outputs"
"""Rendered audio, video, pictures and manifests, written by render; shootouts streams them."""

JOBS_STATE_BUCKET = "render-jobs"
"""Render's key-value record of each job's state; render alone reads and writes it."""

WS_TICKETS_BUCKET = "gateway-ws-tickets"
"""The WebSocket tickets already redeemed, by any gateway replica; keys expire after a ticket's
lifetime (with a margin for clock skew), so the bucket holds only tickets still valid."""


_GIB = 1024**3


@dataclass(frozen=True)
class BucketSpec:
    """A JetStream bucket: the service that writes it and the services that read it."""

    name: str
    owner: str
    readers: tuple[str, ...] = ()
    kind: Literal["object", "kv"] = "object"
    # How long a key-value entry lives (seconds); None: for ever.
    ttl_seconds: float | None = None
    # The most bytes an object bucket holds (GTS_BUCKET_MAX_BYTES overrides); a put that does
    # not fit is refused (507) and nothing already stored is dropped.
    max_bytes: int | None = None

    @property
    def stream(self) -> str:
        """The stream JetStream keeps the bucket in."""
        return f"{'OBJ' if self.kind == 'object' else 'KV'}_{self.name}"

    @property
    def subjects(self) -> str:
        """Every subject of the bucket's stream."""
        return f"{'$O' if self.kind == 'object' else '$KV'}.{self.name}.>"


BUCKETS: tuple[BucketSpec, ...] = (
    # Sized with the streams to fit a 20 GiB JetStream volume (docs/deploy.md, "Sizing").
    BucketSpec(GEAR_BUCKET, owner="catalog", readers=("render",), max_bytes=3 * _GIB),
    BucketSpec(DI_BUCKET, owner="shootouts", readers=("render",), max_bytes=3 * _GIB),
    BucketSpec(OUTPUTS_BUCKET, owner="render", readers=("shootouts",), max_bytes=6 * _GIB),
    # Long enough for any redelivery; the shootouts service keeps the lasting record.
    BucketSpec(JOBS_STATE_BUCKET, owner="render", kind="kv", ttl_seconds=7 * 24 * 3600.0),
    # A ticket lives 30 s; its key as long again, for clock skew between gateway replicas.
    BucketSpec(WS_TICKETS_BUCKET, owner="gateway", kind="kv", ttl_seconds=60.0),
)
