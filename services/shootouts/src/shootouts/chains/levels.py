"""Levels as the NAM plugin sets them: a chain's input and output modes, and the gains (dB)
they resolve to around each capture.

The plugin (NeuralAmpModelerPlugin) adds, in dB:

- input, `calibrated`: `reference_dbu - input_level_dbu`, where `reference_dbu` is the audio
  interface's level in dBu at 0 dBFS (the plugin's input calibration level; here the
  shootout's) and `input_level_dbu` the capture's (the analog level at 0 dBFS of the signal it
  was trained on). A DI peaking at 0 dBFS on a 12 dBu interface is a 12 dBu signal; the capture
  needs it scaled to where 12 dBu sits in its own digital range.
- output, `normalized`: `-18 - loudness` (the capture's metadata loudness, dB), so every
  capture plays at about -18 dB;
- output, `calibrated`: `output_level_dbu - reference_dbu`: the capture's digital output
  (full scale = `output_level_dbu`) back to the interface's scale (full scale =
  `reference_dbu`), so the level is the analog gear's own.

`raw` adds nothing. Here every capture of the chain (pedals and the amp) gets both gains, so a
pedal calibrated on both sides feeds the amp `pedal.output_level_dbu - amp.input_level_dbu`
dB, as the analog pedal would. The chain's `input_gain_db` stays a trim before the first block
(the plugin's input knob), and the final loudness match is unchanged. A chain that asks for a
mode whose metadata a capture lacks is refused (422 naming the block and the field): the
plugin would silently fall back to raw, which a comparison must not do unnoticed.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from gts_kit.errors import FieldProblem, invalid_fields
from shootouts.chains.blocks import BlockIn, GearBlockIn
from shootouts.gear.read_model import Gear

InputMode = Literal["raw", "calibrated"]
OutputMode = Literal["raw", "normalized", "calibrated"]
DEFAULT_REFERENCE_DBU = 12.0  # the plugin's default input calibration level
NORMALIZED_LOUDNESS_DB = -18.0  # the plugin's "normalized" output target
MISSING_LEVEL = "missing_level_metadata"


@dataclass(frozen=True, slots=True)
class CaptureGains:
    """The gains (dB) applied just before and just after one capture."""

    input_gain_db: float = 0.0
    output_gain_db: float = 0.0


def is_capture(item: Gear) -> bool:
    """Whether the item is a NAM capture (levels apply to captures, not to IRs)."""
    return item.format == "nam"


def capture_loudness(item: Gear, slim: float | None) -> float | None:
    """The loudness (dB) of what runs: the submodel `slim` picks on an A2 container (the first
    whose `max_value` is at least `slim`), else the capture's own metadata loudness."""
    if slim is not None and item.submodels:
        for sub in item.submodels:
            top = sub.get("max_value")
            if isinstance(top, int | float) and top >= slim:
                value = sub.get("loudness")
                return float(value) if isinstance(value, int | float) else None
    return item.loudness


def needed(
    item: Gear, slim: float | None, input_mode: InputMode, output_mode: OutputMode
) -> list[str]:
    """The metadata fields the modes need that the capture lacks (none for an IR)."""
    if not is_capture(item):
        return []
    missing: list[str] = []
    if input_mode == "calibrated" and item.input_level_dbu is None:
        missing.append("input_level_dbu")
    if output_mode == "normalized" and capture_loudness(item, slim) is None:
        missing.append("loudness")
    if output_mode == "calibrated" and item.output_level_dbu is None:
        missing.append("output_level_dbu")
    return missing


def resolve(
    item: Gear,
    slim: float | None,
    input_mode: InputMode,
    output_mode: OutputMode,
    reference_dbu: float,
) -> CaptureGains:
    """The gains around one capture (0 for an IR, and for a mode whose metadata is absent:
    chains are checked with `level_problems` first)."""
    if not is_capture(item):
        return CaptureGains()
    gain_in = 0.0
    if input_mode == "calibrated" and item.input_level_dbu is not None:
        gain_in = reference_dbu - item.input_level_dbu
    gain_out = 0.0
    loudness = capture_loudness(item, slim)
    if output_mode == "normalized" and loudness is not None:
        gain_out = NORMALIZED_LOUDNESS_DB - loudness
    elif output_mode == "calibrated" and item.output_level_dbu is not None:
        gain_out = item.output_level_dbu - reference_dbu
    return CaptureGains(gain_in, gain_out)


def _reason(item: Gear, field: str, input_mode: str, output_mode: str) -> str:
    if field == "input_level_dbu":
        mode = f"a {input_mode} input level"
    else:
        mode = f"a {output_mode} output level"
    return (
        f"{mode} needs the capture's {field} metadata; {item.name!r} has none "
        f"(choose raw, or a capture that records it)"
    )


def block_level_problems(
    block: GearBlockIn,
    known: Mapping[uuid.UUID, Gear],
    input_mode: InputMode,
    output_mode: OutputMode,
    field: str,
) -> list[FieldProblem]:
    """One problem, at `field`, per metadata field the modes need and the block's capture
    lacks (none for an IR, nor for gear that is unknown or removed: reported elsewhere)."""
    item = known.get(block.gear_id)
    if item is None or item.removed:
        return []
    return [
        FieldProblem(field, _reason(item, name, input_mode, output_mode), MISSING_LEVEL)
        for name in needed(item, block.slim, input_mode, output_mode)
    ]


def level_problems(
    blocks: Sequence[BlockIn],
    known: Mapping[uuid.UUID, Gear],
    input_mode: InputMode,
    output_mode: OutputMode,
    prefix: str = "blocks",
) -> list[FieldProblem]:
    """One problem per capture block and metadata field the modes need and it lacks."""
    return [
        problem
        for i, block in enumerate(blocks)
        if isinstance(block, GearBlockIn)
        for problem in block_level_problems(block, known, input_mode, output_mode, f"{prefix}[{i}]")
    ]


def check_levels(
    blocks: Sequence[BlockIn],
    known: Mapping[uuid.UUID, Gear],
    input_mode: InputMode,
    output_mode: OutputMode,
) -> None:
    """Raise InvalidInputError (422) naming each capture block and the metadata it lacks."""
    problems = level_problems(blocks, known, input_mode, output_mode)
    if problems:
        raise invalid_fields(problems)
