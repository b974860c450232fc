"""The signal-chain grammar: pedals -> one amp -> one cab IR (none after a full rig) -> effects.

Block kinds:

- `effect`: a built-in effect; anywhere (before the amp it is a pedal, after it a post effect).
- `pedal`: a NAM capture of gear that goes before the amp: a pedal (NAM `gear_type` `pedal`,
  TONE3000 gear `pedal`) or outboard gear (`studio`, TONE3000 `outboard`: a preamp, compressor
  or EQ in front of the amp, as when reamping). Any number, only before the amp.
- `amp`: a capture that is the amp stage without a cabinet (NAM `amp`, `preamp`, `pedal_amp`:
  a pedal into an amp is captured as one amp); exactly one, followed by exactly one `ir`.
- `amp-cab`: a full rig with its cabinet (NAM `amp_cab`, `amp_pedal_cab`); exactly one, no `ir`.
- `ir`: a cab IR, after the `amp`.

So a chain reads: effects and pedal captures in any order, the amp, its IR (effects may come
between), then post effects.

Pure Python with no numpy: the shootouts service validates chains and the render engine
checks jobs with the same rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import Literal

BlockKind = Literal["effect", "pedal", "amp", "amp-cab", "ir"]
BLOCK_KINDS: tuple[BlockKind, ...] = ("effect", "pedal", "amp", "amp-cab", "ir")


class GrammarCode(StrEnum):
    """Why a chain breaks the grammar; stable codes that clients can switch on."""

    NO_AMP = "NO_AMP"
    MULTIPLE_AMPS = "MULTIPLE_AMPS"
    IR_REQUIRED = "IR_REQUIRED"
    IR_FORBIDDEN = "IR_FORBIDDEN"
    MULTIPLE_IRS = "MULTIPLE_IRS"
    INVALID_ORDER = "INVALID_ORDER"
    UNKNOWN_GEAR = "UNKNOWN_GEAR"
    PEDAL_AFTER_AMP = "PEDAL_AFTER_AMP"


# What each code means, for clients and API docs (one line each).
GRAMMAR_EXPLANATIONS: dict[GrammarCode, str] = {
    GrammarCode.NO_AMP: "a chain needs exactly one amp capture (an `amp` or an `amp-cab`)",
    GrammarCode.MULTIPLE_AMPS: "a chain has more than one amp capture; exactly one is allowed",
    GrammarCode.IR_REQUIRED: "an `amp` capture (no cabinet) needs one cab IR after it",
    GrammarCode.IR_FORBIDDEN: "an `amp-cab` (full-rig) capture already has its cabinet; no IR",
    GrammarCode.MULTIPLE_IRS: "a chain has more than one cab IR; exactly one is allowed",
    GrammarCode.INVALID_ORDER: "blocks are out of order: pedals, then the amp, then its IR, "
    "then post effects",
    GrammarCode.UNKNOWN_GEAR: "a gear block names an item that is not in your library "
    "(never added, or removed)",
    GrammarCode.PEDAL_AFTER_AMP: "a pedal or outboard capture comes after the amp; captures "
    "of pedals and outboard gear run before the amp",
}


class ChainGrammarError(ValueError):
    """A chain whose blocks are not pedals -> amp -> cab IR -> post effects."""

    def __init__(self, code: GrammarCode, message: str, index: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.index = index  # the offending block's position, 0-based, where one is to blame


def check_chain_order(kinds: Sequence[str], chain_name: str = "chain") -> None:
    """Raise `ChainGrammarError` unless `kinds` (one per block, in order) follow the grammar.

    Accepted: any effects and `pedal` captures, exactly one `amp` followed later by exactly one
    `ir`, or exactly one `amp-cab` (a full-rig capture) with no `ir`; effects (not pedal
    captures) may follow the amp and the IR.
    """
    prefix = f"{chain_name}: "
    amps, irs = _amps_and_irs(kinds, prefix)
    if not amps:
        raise ChainGrammarError(GrammarCode.NO_AMP, f"{prefix}the chain has no amp capture")
    _check_at_most_one(amps, GrammarCode.MULTIPLE_AMPS, "amp captures", prefix)
    amp = amps[0]
    _check_pedals_before(kinds, amp, prefix)
    if kinds[amp] == "amp-cab":
        if irs:
            raise ChainGrammarError(
                GrammarCode.IR_FORBIDDEN,
                f"{prefix}block {irs[0] + 1} is a cab IR, but block {amp + 1} is a full-rig "
                "capture that already includes the cabinet",
                irs[0],
            )
        return
    if not irs:
        raise ChainGrammarError(
            GrammarCode.IR_REQUIRED,
            f"{prefix}the amp capture (block {amp + 1}) needs a cab IR after it",
            amp,
        )
    _check_at_most_one(irs, GrammarCode.MULTIPLE_IRS, "cab IRs", prefix)
    if irs[0] < amp:
        raise ChainGrammarError(
            GrammarCode.INVALID_ORDER,
            f"{prefix}the cab IR (block {irs[0] + 1}) must come after the amp capture "
            f"(block {amp + 1})",
            irs[0],
        )


def _check_at_most_one(positions: list[int], code: GrammarCode, what: str, prefix: str) -> None:
    if len(positions) > 1:
        raise ChainGrammarError(
            code,
            f"{prefix}the chain has {len(positions)} {what} (blocks "
            f"{', '.join(str(i + 1) for i in positions)}); exactly one is allowed",
            positions[1],
        )


def _amps_and_irs(kinds: Sequence[str], prefix: str) -> tuple[list[int], list[int]]:
    """The positions of the amp captures (`amp` or `amp-cab`) and of the cab IRs, once every
    kind is known to be a block kind."""
    for i, kind in enumerate(kinds):
        if kind not in BLOCK_KINDS:
            raise ChainGrammarError(
                GrammarCode.INVALID_ORDER,
                f"{prefix}block {i + 1} has unknown kind {kind!r} (expected one of "
                f"{', '.join(BLOCK_KINDS)})",
                i,
            )
    amps = [i for i, k in enumerate(kinds) if k in ("amp", "amp-cab")]
    irs = [i for i, k in enumerate(kinds) if k == "ir"]
    return amps, irs


def _check_pedals_before(kinds: Sequence[str], amp: int, prefix: str) -> None:
    late = [i for i, k in enumerate(kinds) if k == "pedal" and i > amp]
    if late:
        raise ChainGrammarError(
            GrammarCode.PEDAL_AFTER_AMP,
            f"{prefix}block {late[0] + 1} is a pedal or outboard capture after the amp capture "
            f"(block {amp + 1}); captures of pedals and outboard gear go before the amp",
            late[0],
        )


def next_block_kinds(kinds: Sequence[str]) -> list[BlockKind]:
    """The block kinds that may follow `kinds` (a valid prefix) and still lead to a valid chain.

    Effects may always come next (as pedals or post effects); pedal captures and an amp only
    while there is no amp; an IR only after an `amp` that has none. Raises `ChainGrammarError`
    when `kinds` itself can no longer become a valid chain.
    """
    amps, irs = _amps_and_irs(kinds, "")
    if irs and (not amps or irs[0] < amps[0]):
        raise ChainGrammarError(
            GrammarCode.INVALID_ORDER,
            f"the cab IR (block {irs[0] + 1}) must come after an amp capture",
            irs[0],
        )
    if len(amps) > 1:
        raise ChainGrammarError(
            GrammarCode.MULTIPLE_AMPS, "the chain already has more than one amp capture", amps[1]
        )
    if len(irs) > 1:
        raise ChainGrammarError(
            GrammarCode.MULTIPLE_IRS, "the chain already has more than one cab IR", irs[1]
        )
    if not amps:
        return ["effect", "pedal", "amp", "amp-cab"]
    _check_pedals_before(kinds, amps[0], "")
    if kinds[amps[0]] == "amp-cab":
        if irs:
            raise ChainGrammarError(
                GrammarCode.IR_FORBIDDEN,
                "a full-rig capture already includes the cabinet",
                irs[0],
            )
        return ["effect"]
    if irs:
        return ["effect"]
    return ["effect", "ir"]
