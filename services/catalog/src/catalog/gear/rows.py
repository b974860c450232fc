"""Table rows to API structs."""

from __future__ import annotations

from typing import Any

import msgspec

from catalog.gear.schemas import GearItem, Submodel, Tone3000Source


def item_from_row(row: Any) -> GearItem:
    """A `gear_items` row as the API's GearItem."""
    m = row._mapping
    return GearItem(
        id=m["id"],
        kind=m["kind"],
        format=m["format"],
        name=m["name"],
        make=m["make"],
        model=m["model"],
        tags=list(m["tags"] or []),
        notes=m["notes"],
        favourite=m["favourite"],
        filename=m["filename"],
        source=m["source"],
        tone3000=(
            msgspec.convert(m["tone3000"], Tone3000Source) if m["tone3000"] is not None else None
        ),
        sha256=m["sha256"],
        size_bytes=m["size_bytes"],
        architecture=m["architecture"],
        size_preset=m["size_preset"],
        sample_rate=m["sample_rate"],
        receptive_field=m["receptive_field"],
        metadata=m["nam_metadata"],
        submodels=(
            msgspec.convert(m["submodels"], list[Submodel]) if m["submodels"] is not None else None
        ),
        channels=m["channels"],
        duration_seconds=m["duration_seconds"],
        created_at=m["created_at"],
        updated_at=m["updated_at"],
    )
