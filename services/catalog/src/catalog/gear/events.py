"""The catalog's events, built from a gear item: all a consumer needs without calling back."""

from __future__ import annotations

import uuid
from typing import Any

from catalog.gear.schemas import GearItem
from gts_contracts import GearAddedV1, GearRemovedV1, GearUpdatedV1


def _fields(owner_id: uuid.UUID, item: GearItem) -> dict[str, Any]:
    loudness = (item.metadata or {}).get("loudness")
    return {
        "owner_id": owner_id,
        "gear_id": item.id,
        "kind": item.kind,
        "format": item.format,
        "blob_sha256": item.sha256,
        "size_bytes": item.size_bytes,
        "name": item.name,
        "make": item.make,
        "model": item.model,
        "architecture": item.architecture,
        "size_preset": item.size_preset,
        "sample_rate": item.sample_rate,
        "channels": item.channels,
        "duration_seconds": item.duration_seconds,
        "loudness": float(loudness) if isinstance(loudness, int | float) else None,
    }


def gear_added(owner_id: uuid.UUID, item: GearItem) -> GearAddedV1:
    """`catalog.gear.added.v1` for a new item."""
    return GearAddedV1.new(**_fields(owner_id, item))


def gear_updated(owner_id: uuid.UUID, item: GearItem) -> GearUpdatedV1:
    """`catalog.gear.updated.v1` carrying the whole current item."""
    return GearUpdatedV1.new(**_fields(owner_id, item))


def gear_removed(owner_id: uuid.UUID, item: GearItem) -> GearRemovedV1:
    """`catalog.gear.removed.v1`."""
    return GearRemovedV1.new(owner_id=owner_id, gear_id=item.id, blob_sha256=item.sha256)
