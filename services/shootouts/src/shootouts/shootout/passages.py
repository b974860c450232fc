"""The passage of each of a shootout's DIs and the montage mode: checked against the DIs'
lengths, stored as JSON, and the montage each DI will make, worked out before rendering with
the render engine's own arithmetic (`gts_audio.montage_plan`)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

import msgspec
from sqlalchemy import any_, bindparam, select

from gts_audio.montage_plan import passage_bounds, plan_montage
from gts_kit.errors import FieldProblem
from shootouts.db.tables import di_tracks
from shootouts.shootout.schemas import Montage, MontagePlanView, PassageIn, PassageView

MIN_PASSAGE_SECONDS = 1.0
_RECORDINGS = select(di_tracks.c.id, di_tracks.c.sample_rate, di_tracks.c.duration_seconds).where(
    di_tracks.c.id == any_(bindparam("ids"))
)


class Recording(NamedTuple):
    """What the montage's length depends on of a DI: its sample rate (Hz) and length (s)."""

    sample_rate: int
    duration_seconds: float

    @property
    def frames(self) -> int:
        """Its length in samples, as the render command gives it to the engine."""
        return round(self.duration_seconds * self.sample_rate)


async def recordings(db: Any, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Recording]:
    """The sample rate and length of each DI of `ids` that exists (one query)."""
    if not ids:
        return {}
    rows = await db.execute(_RECORDINGS, {"ids": list(ids)})
    return {r.id: Recording(r.sample_rate, r.duration_seconds) for r in rows}


def montage_problems(montage: Montage | None) -> list[FieldProblem]:
    """Why `montage` cannot be rendered: two rounds are for `sequence` only."""
    if montage is not None and montage.rounds > 1 and montage.mode != "sequence":
        reason = f"{montage.rounds} rounds need the sequence mode ({montage.mode} goes round once)"
        return [FieldProblem("montage.rounds", reason, "rounds_need_sequence")]
    return []


def passage_problems(
    passages: Sequence[PassageIn],
    di_ids: Sequence[uuid.UUID],
    found: Mapping[uuid.UUID, Recording],
) -> list[FieldProblem]:
    """Why `passages` do not fit the shootout's DIs `di_ids` (of lengths `found`): each names
    one of them once and lies inside it, at least `MIN_PASSAGE_SECONDS` long."""
    problems: list[FieldProblem] = []
    seen: set[uuid.UUID] = set()
    for i, passage in enumerate(passages):
        at = f"passages[{i}]"
        if passage.di_id not in di_ids:
            reason = f"DI track {passage.di_id} is not one of the shootout's di_ids"
            problems.append(FieldProblem(f"{at}.di_id", reason, "not_in_shootout"))
        elif passage.di_id in seen:
            reason = f"DI track {passage.di_id} has a passage already"
            problems.append(FieldProblem(f"{at}.di_id", reason, "duplicate"))
        elif (recording := found.get(passage.di_id)) is not None:
            problems.extend(_outside(at, passage, recording.duration_seconds))
        seen.add(passage.di_id)
    return problems


def _outside(at: str, passage: PassageIn, duration: float) -> list[FieldProblem]:
    start, end = passage.start_seconds, passage.end_seconds
    if start >= duration:
        reason = f"{start:g} s is past the end of the DI ({duration:g} s long)"
        return [FieldProblem(f"{at}.start_seconds", reason, "past_end")]
    if end is not None and end <= start:
        reason = f"{end:g} s is not after the start ({start:g} s)"
        return [FieldProblem(f"{at}.end_seconds", reason, "before_start")]
    if end is not None and end > duration:
        reason = f"{end:g} s is past the end of the DI ({duration:g} s long)"
        return [FieldProblem(f"{at}.end_seconds", reason, "past_end")]
    if (end if end is not None else duration) - start < MIN_PASSAGE_SECONDS:
        field = f"{at}.end_seconds" if end is not None else f"{at}.start_seconds"
        length = (end if end is not None else duration) - start
        reason = f"the passage is {length:g} s long; at least {MIN_PASSAGE_SECONDS:g} s is needed"
        return [FieldProblem(field, reason, "too_short")]
    return []


def stored(passages: Sequence[PassageIn]) -> list[dict[str, Any]]:
    """Passages as the `passages` column keeps them (JSON)."""
    return msgspec.to_builtins(list(passages))  # type: ignore[no-any-return]


def loaded(stored_passages: Sequence[Mapping[str, Any]]) -> list[PassageIn]:
    """Passages from the `passages` column."""
    return msgspec.convert(stored_passages, list[PassageIn])


def kept(passages: Sequence[PassageIn], di_ids: Sequence[uuid.UUID]) -> list[PassageIn]:
    """The passages of the DIs still in `di_ids`."""
    return [p for p in passages if p.di_id in di_ids]


def _bounds(passage: PassageIn | None, duration: float) -> tuple[float, float]:
    if passage is None:
        return 0.0, duration
    return passage.start_seconds, passage.end_seconds or duration


def passage_views(
    passages: Sequence[PassageIn], found: Mapping[uuid.UUID, Recording]
) -> list[PassageView]:
    """The passages as set, each end resolved to its DI's duration when open."""
    return [
        PassageView(di_id=p.di_id, start_seconds=start, end_seconds=end)
        for p in passages
        if (r := found.get(p.di_id)) is not None
        for start, end in [_bounds(p, r.duration_seconds)]
    ]


def montage_plan(
    di_ids: Sequence[uuid.UUID],
    passages: Sequence[PassageIn],
    found: Mapping[uuid.UUID, Recording],
    chains: int,
    montage: Montage,
) -> list[MontagePlanView]:
    """Per DI of `di_ids` (in order), the passage the montage covers and how long the montage
    of `chains` chains will be, as the render engine will make it."""
    by_di = {p.di_id: p for p in passages}
    plans: list[MontagePlanView] = []
    for di_id in di_ids:
        if (r := found.get(di_id)) is None:
            continue
        passage = by_di.get(di_id)
        start, end = _bounds(passage, r.duration_seconds)
        asked = None if passage is None else passage.end_seconds
        first, last = passage_bounds(r.frames, r.sample_rate, start, asked)
        plan = plan_montage(
            last - first,
            chains,
            r.sample_rate,
            mode=montage.mode,
            segment_seconds=montage.segment_seconds,
            rounds=montage.rounds,
        )
        plans.append(
            MontagePlanView(
                di_id=di_id,
                start_seconds=start,
                end_seconds=end,
                passage_seconds=(last - first) / r.sample_rate,
                montage_seconds=plan.seconds,
                pieces=plan.pieces,
            )
        )
    return plans
