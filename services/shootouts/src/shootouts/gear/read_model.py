"""Apply catalog.gear.* events to the local gear table; look gear up for chains.

Events may arrive out of order or twice: a row keeps the `occurred_at` of the event that wrote it
and an older event never overwrites it; a removal is kept as a tombstone so a late `added`
cannot bring the item back.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, fields

import msgspec
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from gts_contracts import GearAddedV1, GearRemovedV1, GearUpdatedV1
from shootouts.db.tables import gear

# How a gear kind sits in the chain grammar: pedal and outboard captures go before the amp.
GRAMMAR_KIND = {"amp": "amp", "amp-cab": "amp-cab", "cab-ir": "ir", "pedal": "pedal"}
GRAMMAR_KIND["outboard"] = "pedal"


@dataclass(frozen=True, slots=True)
class Gear:
    """One gear item as shootouts knows it."""

    id: uuid.UUID
    owner_id: uuid.UUID
    kind: str
    format: str
    blob_sha256: str
    name: str
    architecture: str | None
    removed: bool
    # an A2 SlimmableContainer's submodels (`max_value`, size, loudness); None for other files
    submodels: list[dict[str, object]] | None = None
    # a NAM capture's metadata loudness (dB) and calibration levels (dBu), None when absent
    loudness: float | None = None
    input_level_dbu: float | None = None
    output_level_dbu: float | None = None

    @property
    def slimmable(self) -> bool:
        """Whether a chain may set `slim` on this item (an A2 SlimmableContainer capture)."""
        return self.submodels is not None

    @property
    def grammar_kind(self) -> str:
        """The block kind this item is in the chain grammar (`pedal`, `amp`, `amp-cab`, `ir`)."""
        return GRAMMAR_KIND.get(self.kind, self.kind)


async def apply_gear_event(
    session: AsyncSession, event: GearAddedV1 | GearUpdatedV1 | GearRemovedV1
) -> None:
    """Upsert (or tombstone) the item, unless a newer event already wrote it."""
    if isinstance(event, GearRemovedV1):
        values: dict[str, object] = {
            "id": event.gear_id,
            "owner_id": event.owner_id,
            "kind": "removed",
            "format": "removed",
            "blob_sha256": event.blob_sha256,
            "name": "(removed)",
            "architecture": None,
            "submodels": None,
            "loudness": None,
            "input_level_dbu": None,
            "output_level_dbu": None,
            "removed": True,
            "as_of": event.occurred_at,
        }
        update = {"removed": True, "as_of": event.occurred_at}
    else:
        values = {
            "id": event.gear_id,
            "owner_id": event.owner_id,
            "kind": event.kind,
            "format": event.format,
            "blob_sha256": event.blob_sha256,
            "name": event.name,
            "architecture": event.architecture,
            "submodels": (
                msgspec.to_builtins(event.submodels) if event.submodels is not None else None
            ),
            "loudness": event.loudness,
            "input_level_dbu": event.input_level_dbu,
            "output_level_dbu": event.output_level_dbu,
            "removed": False,
            "as_of": event.occurred_at,
        }
        update = {k: v for k, v in values.items() if k not in ("id", "owner_id", "removed")}
    statement = insert(gear).values(**values)
    # a removal is final; otherwise only a newer event wins
    newer = statement.excluded.as_of > gear.c.as_of
    condition = newer if isinstance(event, GearRemovedV1) else newer & ~gear.c.removed
    await session.execute(
        statement.on_conflict_do_update(index_elements=["id"], set_=update, where=condition)
    )


async def gear_by_id(
    session: AsyncSession, owner_id: uuid.UUID, ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, Gear]:
    """The owner's known items among `ids` (removed ones included, flagged), keyed by id."""
    wanted = list(set(ids))
    if not wanted:
        return {}
    rows = await session.execute(
        select(gear).where(gear.c.owner_id == owner_id, gear.c.id.in_(wanted))
    )
    # every field of Gear is a column of the same name
    columns = [f.name for f in fields(Gear)]
    return {row.id: Gear(**{c: getattr(row, c) for c in columns}) for row in rows}
