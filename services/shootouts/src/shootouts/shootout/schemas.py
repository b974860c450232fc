"""Request and response bodies of shootouts, jobs and outputs."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

import msgspec

Visibility = Literal["private", "unlisted", "public"]
MontageMode = Literal["alternate", "sequence"]
Name = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
Description = Annotated[str, msgspec.Meta(max_length=5000)]
DIIds = Annotated[list[uuid.UUID], msgspec.Meta(min_length=1, max_length=4)]
ChainIds = Annotated[list[uuid.UUID], msgspec.Meta(min_length=2, max_length=16)]
ReferenceDbu = Annotated[
    float,
    msgspec.Meta(
        ge=-60,
        le=60,
        description="dBu at 0 dBFS of the audio interface the DIs were recorded with: "
        "calibrated chains scale each capture's input from it (the NAM plugin's input "
        "calibration level)",
    ),
]


class Montage(msgspec.Struct, frozen=True, kw_only=True):
    """How the A/B montage is cut: segment length (seconds), loudness target (LUFS), blind.

    `mode`: `alternate` plays every chain in turn in each segment of the passage; `sequence`
    plays each chain over the whole passage in turn, `rounds` times round (2 only in
    `sequence`).
    """

    segment_seconds: Annotated[float, msgspec.Meta(ge=1, le=60, description="seconds")] = 4.0
    target_lufs: Annotated[float, msgspec.Meta(ge=-40, le=-6, description="LUFS")] = -14.0
    blind: bool = False
    mode: MontageMode = "alternate"
    rounds: Annotated[int, msgspec.Meta(ge=1, le=2)] = 1


class OutputsWanted(msgspec.Struct, frozen=True, kw_only=True):
    """Extras beyond the audio (always rendered); `full_renders`: also render and keep each
    chain's whole DI, not just its passage."""

    video: bool = True
    pictures: bool = True
    full_renders: bool = False


class PassageIn(msgspec.Struct, frozen=True, kw_only=True):
    """The part of one of the shootout's DIs to compare (seconds); a null end: to the end."""

    di_id: uuid.UUID
    start_seconds: Annotated[float, msgspec.Meta(ge=0, description="seconds")] = 0.0
    end_seconds: Annotated[float, msgspec.Meta(gt=0, description="seconds")] | None = None


Passages = Annotated[list[PassageIn], msgspec.Meta(max_length=4)]


class PassageView(msgspec.Struct, frozen=True, kw_only=True):
    """A DI's passage as stored, its end resolved (the DI's duration when none was given)."""

    di_id: uuid.UUID
    start_seconds: float
    end_seconds: float


class MontagePlanView(msgspec.Struct, frozen=True, kw_only=True):
    """How long a DI's montage will be, known before rendering: its passage (seconds), the
    montage's length (seconds) and how many pieces it joins."""

    di_id: uuid.UUID
    start_seconds: float
    end_seconds: float
    passage_seconds: float
    montage_seconds: float
    pieces: int


class ShootoutIn(msgspec.Struct, frozen=True, kw_only=True):
    """A new shootout: 1 to 4 DI tracks times 2 to 16 chains."""

    name: Name
    di_ids: DIIds
    chain_ids: ChainIds
    description: Description = ""
    montage: Montage = msgspec.field(default_factory=Montage)
    outputs: OutputsWanted = msgspec.field(default_factory=OutputsWanted)
    visibility: Visibility = "private"
    reference_dbu: ReferenceDbu = 12.0
    passages: Passages = msgspec.field(default_factory=list)


class ShootoutPatch(msgspec.Struct, frozen=True, kw_only=True):
    """A change to a shootout; fields left out stay as they are (`passages` replaces them
    all; new `di_ids` alone drop the passages of the DIs taken out)."""

    name: Name | None = None
    description: Description | None = None
    di_ids: DIIds | None = None
    chain_ids: ChainIds | None = None
    montage: Montage | None = None
    outputs: OutputsWanted | None = None
    visibility: Visibility | None = None
    reference_dbu: ReferenceDbu | None = None
    passages: Passages | None = None


class JobView(msgspec.Struct, frozen=True, kw_only=True):
    """A render job: status, stage and percent while running, reason when failed, attempts."""

    id: uuid.UUID
    shootout_id: uuid.UUID
    status: str
    stage: str | None
    percent: float
    message: str | None
    reason: str | None
    attempts: int
    cancel_requested: bool
    created_at: datetime
    updated_at: datetime
    finished_at: datetime | None


class OutputView(msgspec.Struct, frozen=True, kw_only=True):
    """One rendered file, with its metrics; `url` streams it."""

    id: uuid.UUID
    kind: str
    di_id: uuid.UUID | None
    chain_id: uuid.UUID | None
    content_type: str
    size_bytes: int
    duration_seconds: float | None
    metrics: dict[str, Any] | None
    url: str


class ShootoutView(msgspec.Struct, frozen=True, kw_only=True):
    """A shootout, its latest job and the outputs of its latest completed job; `revealed_at`
    is when a blind one's letters of that render were shown to everyone (null before).

    `passages` are the DIs' passages as set (a DI not listed is compared whole);
    `montage_plan` says, per DI in order, how long its montage will be as the shootout is now.
    """

    id: uuid.UUID
    name: str
    description: str
    di_ids: list[uuid.UUID]
    chain_ids: list[uuid.UUID]
    montage: Montage
    outputs: OutputsWanted
    visibility: Visibility
    reference_dbu: float
    passages: list[PassageView]
    montage_plan: list[MontagePlanView]
    latest_job: JobView | None
    results: list[OutputView]
    blind_key: dict[str, str] | None
    revealed_at: datetime | None
    created_at: datetime
    updated_at: datetime


class PublicBlockView(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """A block as anyone may see it: a gear item's name and kind (never its file or id; both
    null once the owner removed it), or a built-in effect and its parameters."""

    type: Literal["gear", "effect"]
    gear_name: str | None = None
    gear_kind: str | None = None
    effect: str | None = None
    params: dict[str, float] | None = None


class PublicChainView(msgspec.Struct, frozen=True, kw_only=True):
    """A chain of a shared shootout: its name, input gain (dB), blocks in order, and how its
    captures' levels were set (`raw`, `calibrated`, `normalized`)."""

    id: uuid.UUID
    name: str
    input_gain_db: float
    blocks: list[PublicBlockView]
    input_mode: Literal["raw", "calibrated"] = "raw"
    output_mode: Literal["raw", "normalized", "calibrated"] = "raw"


class PublicShootoutView(msgspec.Struct, frozen=True, kw_only=True):
    """What anyone with the link sees of an unlisted or public shootout (never the DI audio).

    `chains` are the shootout's chains still in the owner's library, in its order. While the
    montage is blind, results name no chain, each chain's own files are left out and
    `blind_key` is null, until the owner reveals the render (`revealed_at`).
    `listening_published`: whether the listeners' results are shown to everyone (their route
    answers 404 until then)."""

    id: uuid.UUID
    name: str
    description: str
    chain_ids: list[uuid.UUID]
    chains: list[PublicChainView]
    montage: Montage
    results: list[OutputView]
    blind_key: dict[str, str] | None
    revealed_at: datetime | None
    listening_published: bool = False
    created_at: datetime


class Submitted(msgspec.Struct, frozen=True, kw_only=True):
    """A render was queued: its job id and status."""

    job_id: uuid.UUID
    status: str
