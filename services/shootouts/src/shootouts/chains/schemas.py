"""Request and response bodies of signal chains and chain groups."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

import msgspec

from shootouts.chains.blocks import BlockIn, BlockView, EffectBlockIn, GearBlockIn, Unusable
from shootouts.chains.levels import InputMode, OutputMode

Name = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
GainDb = Annotated[float, msgspec.Meta(ge=-60.0, le=60.0, description="dB")]
Blocks = Annotated[list[BlockIn], msgspec.Meta(min_length=1, max_length=32)]
InputModeField = Annotated[
    InputMode,
    msgspec.Meta(
        description="raw: input_gain_db only; calibrated: each capture's input is scaled from "
        "the shootout's reference_dbu to its input_level_dbu (reference - input_level dB)"
    ),
]
OutputModeField = Annotated[
    OutputMode,
    msgspec.Meta(
        description="raw: as the capture plays; normalized: -18 - loudness dB after each "
        "capture; calibrated: output_level_dbu - reference_dbu dB after each capture"
    ),
]


class ChainIn(msgspec.Struct, frozen=True, kw_only=True):
    """A new signal chain: name, input gain (dB), blocks in order, and how its captures'
    levels are set (as the NAM plugin; a mode a capture lacks the metadata for is a 422)."""

    name: Name
    blocks: Blocks
    input_gain_db: GainDb = 0.0
    input_mode: InputModeField = "raw"
    output_mode: OutputModeField = "raw"


class ChainPatch(msgspec.Struct, frozen=True, kw_only=True):
    """A change to a chain; fields left out stay as they are."""

    name: Name | None = None
    blocks: Blocks | None = None
    input_gain_db: GainDb | None = None
    input_mode: InputModeField | None = None
    output_mode: OutputModeField | None = None


class ChainView(msgspec.Struct, frozen=True, kw_only=True):
    """A signal chain; `usable` is false (with `unusable` reasons) when its gear is gone."""

    id: uuid.UUID
    name: str
    input_gain_db: float
    input_mode: InputMode
    output_mode: OutputMode
    blocks: list[BlockView]
    usable: bool
    unusable: list[Unusable]
    group_id: uuid.UUID | None
    created_at: datetime
    updated_at: datetime


class NextBlocks(msgspec.Struct, frozen=True, kw_only=True):
    """Which block kinds may follow the given ones, and whether the chain is complete now."""

    after: list[str]
    next: list[str]
    complete: bool


class SlotIn(msgspec.Struct, frozen=True, kw_only=True, tag="slot", tag_field="type"):
    """A place in a group's chain filled by each of `options` in turn (null: leave it out)."""

    name: Name
    options: Annotated[list[uuid.UUID | None], msgspec.Meta(min_length=1, max_length=16)]


GroupBlockIn = GearBlockIn | EffectBlockIn | SlotIn


class GroupIn(msgspec.Struct, frozen=True, kw_only=True):
    """A chain group: the base chain's blocks with slots among them, its input gain (dB) and
    level modes. `input_gains_db` sweeps the input gain: one chain per value (and per slot
    combination), named with its gain; null uses `input_gain_db` alone."""

    name: Name
    blocks: Annotated[list[GroupBlockIn], msgspec.Meta(min_length=1, max_length=32)]
    input_gain_db: GainDb = 0.0
    input_mode: InputModeField = "raw"
    output_mode: OutputModeField = "raw"
    input_gains_db: Annotated[list[GainDb], msgspec.Meta(min_length=1, max_length=16)] | None = None


class GroupView(msgspec.Struct, frozen=True, kw_only=True):
    """A chain group and how many chains it generates."""

    id: uuid.UUID
    name: str
    input_gain_db: float
    input_mode: InputMode
    output_mode: OutputMode
    input_gains_db: list[float] | None
    blocks: list[BlockView]
    combinations: int
    created_at: datetime
    updated_at: datetime


class SkippedCombination(msgspec.Struct, frozen=True, kw_only=True):
    """A combination the grammar refused: its name, the code and the reason."""

    name: str
    code: str
    reason: str


class Generated(msgspec.Struct, frozen=True, kw_only=True):
    """What `generate` made: one chain per valid combination, and the combinations skipped."""

    chains: list[ChainView]
    skipped: list[SkippedCombination]
