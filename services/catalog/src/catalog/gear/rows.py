"""Table rows to API structs."""

from __future__ import annotations

from typing import Any

import msgspec

from catalog.gear.schemas import GearItem, Submodel, Tone3000Source

# The GearItem fields stored as they are, in a column of the same name.
_AS_STORED = (
    "id", "kind", "format", "name", "make", "model", "notes", "favourite", "filename", "source",
    "sha256", "size_bytes", "architecture", "size_preset", "sample_rate", "receptive_field",
    "channels", "duration_seconds", "created_at", "updated_at",
)  # fmt: skip


def item_from_row(row: Any) -> GearItem:
    """A `gear_items` row as the API's GearItem."""
    m = row._mapping
    tone3000, submodels = m["tone3000"], m["submodels"]
    return GearItem(
        **{name: m[name] for name in _AS_STORED},
        tags=list(m["tags"] or []),
        tone3000=msgspec.convert(tone3000, Tone3000Source) if tone3000 is not None else None,
        metadata=m["nam_metadata"],
        submodels=msgspec.convert(submodels, list[Submodel]) if submodels is not None else None,
    )
