"""The catalog's events, built from a gear item: all a consumer needs without calling back."""

from __future__ import annotations

import uuid
from typing import Any

import msgspec

from catalog.gear.schemas import GearItem
from gts_contracts import GearAddedV1, GearRemovedV1, GearSubmodel, GearUpdatedV1


def _level(item: GearItem, name: str) -> float | None:
    """A NAM capture's calibration level (dBu) from its metadata, when it recorded one."""
    value = (item.metadata or {}).get(name)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if -100 <= value <= 100 else None


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
        "input_level_dbu": _level(item, "input_level_dbu"),
        "output_level_dbu": _level(item, "output_level_dbu"),
        "submodels": (
            [GearSubmodel(**msgspec.structs.asdict(s)) for s in item.submodels]
            if item.submodels is not None
            else None
        ),
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
