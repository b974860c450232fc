"""What the import API reads and answers."""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec

from catalog.gear.schemas import GearItem
from gts_contracts.fields import GearKind

ModelIds = Annotated[list[int], msgspec.Meta(min_length=1, max_length=50)]


class ImportRequest(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Import these models of one tone; `kind` overrides the kind they would get: `pedal` or
    `outboard` for a tone of that gear, else what the files' metadata suggests."""

    tone_id: int
    model_ids: ModelIds
    kind: GearKind | None = None


class ImportResult(msgspec.Struct, frozen=True, kw_only=True):
    """One model's outcome: `imported` (new item), `existing` (already owned) or `failed`."""

    model_id: int
    status: Literal["imported", "existing", "failed"]
    item: GearItem | None = None
    error: str | None = None
    code: str | None = None


class ImportReport(msgspec.Struct, frozen=True, kw_only=True):
    """Every requested model's outcome, in request order; one failure undoes nothing."""

    tone_id: int
    results: list[ImportResult]
