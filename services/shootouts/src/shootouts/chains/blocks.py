"""Chain blocks: how clients send them, how they are checked, stored and described."""

from __future__ import annotations

import math
import uuid
from collections.abc import Mapping, Sequence
from typing import Any, get_args

import msgspec

from gts_chains import (
    GRAMMAR_EXPLANATIONS,
    ChainGrammarError,
    EffectParamError,
    GrammarCode,
    check_chain_order,
    validate_effect,
)
from gts_contracts import EffectName
from gts_kit.errors import FieldProblem, invalid_fields
from shootouts.gear.read_model import Gear

# The effects a render command can carry (the contract's list).
EFFECTS: tuple[str, ...] = get_args(EffectName)


class GearBlockIn(msgspec.Struct, frozen=True, kw_only=True, tag="gear", tag_field="type"):
    """A block that runs one of the caller's gear items (a NAM capture or an IR).

    `slim`, 0 to 1, picks the submodel of an A2 SlimmableContainer capture (the first whose
    `max_value` is at least `slim`, as NAM Core); null runs the largest, as NAM Core's render.
    """

    gear_id: uuid.UUID
    slim: float | None = None


class EffectBlockIn(msgspec.Struct, frozen=True, kw_only=True, tag="effect", tag_field="type"):
    """A built-in effect; parameters left out take their defaults."""

    effect: str
    params: dict[str, float] = msgspec.field(default_factory=dict)


BlockIn = GearBlockIn | EffectBlockIn


class BlockView(msgspec.Struct, frozen=True, kw_only=True):
    """A block as the API shows it (`type`: gear, effect, or in a group, slot). A gear block
    says its item's name and kind and whether it can still be used, its `slim` value, and for
    an A2 SlimmableContainer capture the `max_value` of each submodel (smallest first); a slot
    its name and its options (gear ids; null means the slot is left out)."""

    type: str
    gear_id: uuid.UUID | None = None
    gear_name: str | None = None
    gear_kind: str | None = None
    effect: str | None = None
    params: dict[str, float] | None = None
    usable: bool = True
    slim: float | None = None
    submodel_max_values: list[float] | None = None
    name: str | None = None
    options: list[uuid.UUID | None] | None = None


class Unusable(msgspec.Struct, frozen=True, kw_only=True):
    """Why a stored chain cannot render now (a gear item gone from the library)."""

    field: str
    code: str
    reason: str

    @classmethod
    def of(cls, problem: FieldProblem) -> Unusable:
        """The reason `problem` gives."""
        return cls(field=problem.field, code=problem.code or "", reason=problem.reason)


def stored(blocks: Sequence[BlockIn]) -> list[dict[str, Any]]:
    """The JSON kept in the database for `blocks`."""
    return [msgspec.to_builtins(b) for b in blocks]


def loaded(raw: Sequence[Mapping[str, Any]]) -> list[BlockIn]:
    """Blocks back from their stored JSON."""
    return msgspec.convert(list(raw), list[BlockIn])


def gear_ids(blocks: Sequence[BlockIn]) -> list[uuid.UUID]:
    """The gear items the blocks name, in order."""
    return [b.gear_id for b in blocks if isinstance(b, GearBlockIn)]


def grammar_problem(error: ChainGrammarError, prefix: str) -> FieldProblem:
    """A grammar error as a field problem: the block to blame, the reason and the code."""
    field = f"{prefix}[{error.index}]" if error.index is not None else prefix
    return FieldProblem(field, f"{error.message} ({GRAMMAR_EXPLANATIONS[error.code]})", error.code)


def check_blocks(
    blocks: Sequence[BlockIn], known: Mapping[uuid.UUID, Gear], prefix: str = "blocks"
) -> list[BlockIn]:
    """Check gear, effect parameters and grammar; return the blocks with parameters filled in.

    Raises InvalidInputError (422) listing every problem with its field and code.
    """
    problems: list[FieldProblem] = []
    resolved: list[BlockIn] = []
    kinds: list[str] = []
    for i, block in enumerate(blocks):
        field = f"{prefix}[{i}]"
        if isinstance(block, GearBlockIn):
            item = known.get(block.gear_id)
            if item is None or item.removed:
                state = "was removed from" if item is not None else "is not in"
                problems.append(
                    FieldProblem(
                        f"{field}.gear_id",
                        f"gear {block.gear_id} {state} your library",
                        GrammarCode.UNKNOWN_GEAR,
                    )
                )
                kinds.append("unknown")
                continue
            kinds.append(item.grammar_kind)
            slim_problem = _slim_problem(block, item, f"{field}.slim")
            if slim_problem is not None:
                problems.append(slim_problem)
                continue
            resolved.append(block)
            continue
        kinds.append("effect")
        if block.effect not in EFFECTS:
            reason = f"unknown effect {block.effect!r} (expected one of {', '.join(EFFECTS)})"
            if block.effect == "gain":
                reason += "; set the chain's input_gain_db instead"
            problems.append(FieldProblem(f"{field}.effect", reason, "unknown_effect"))
            continue
        try:
            params = validate_effect(block.effect, block.params)
        except EffectParamError as exc:
            name = exc.field.split(".", 1)[-1]
            problems.append(FieldProblem(f"{field}.params.{name}", exc.message, "invalid_param"))
            continue
        resolved.append(EffectBlockIn(effect=block.effect, params=params))
    if not problems:
        try:
            check_chain_order(kinds)
        except ChainGrammarError as exc:
            problems.append(grammar_problem(exc, prefix))
    if problems:
        raise invalid_fields(problems)
    return resolved


def _slim_problem(block: GearBlockIn, item: Gear, field: str) -> FieldProblem | None:
    """Why a block's `slim` cannot be used: outside 0..1, or the capture is no container."""
    if block.slim is None:
        return None
    if not (math.isfinite(block.slim) and 0.0 <= block.slim <= 1.0):
        return FieldProblem(field, f"{block.slim:g} is outside 0 to 1", "invalid_slim")
    if not item.slimmable:
        reason = (
            f"{item.name!r} is not a slimmable capture (only an A2 SlimmableContainer has "
            "submodels to choose from); leave slim out"
        )
        return FieldProblem(field, reason, "not_slimmable")
    return None


def _max_values(item: Gear) -> list[float] | None:
    if item.submodels is None:
        return None
    return [float(s["max_value"]) for s in item.submodels]  # type: ignore[arg-type]


def describe(
    blocks: Sequence[BlockIn], known: Mapping[uuid.UUID, Gear], prefix: str = "blocks"
) -> tuple[list[BlockView], list[FieldProblem]]:
    """The blocks as the API shows them, and why the chain cannot be used now (if so)."""
    views: list[BlockView] = []
    reasons: list[FieldProblem] = []
    for i, block in enumerate(blocks):
        if isinstance(block, EffectBlockIn):
            views.append(BlockView(type="effect", effect=block.effect, params=block.params))
            continue
        item = known.get(block.gear_id)
        usable = item is not None and not item.removed
        if not usable:
            reasons.append(
                FieldProblem(
                    f"{prefix}[{i}].gear_id",
                    f"gear {block.gear_id} was removed from your library",
                    GrammarCode.UNKNOWN_GEAR,
                )
            )
        views.append(
            BlockView(
                type="gear",
                gear_id=block.gear_id,
                gear_name=item.name if usable and item else None,
                gear_kind=item.kind if usable and item else None,
                usable=usable,
                slim=block.slim,
                submodel_max_values=_max_values(item) if usable and item else None,
            )
        )
    return views, reasons
