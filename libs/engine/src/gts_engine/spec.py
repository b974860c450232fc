"""What a render job asks for: the DI, the chains (typed blocks) and the output options."""

from __future__ import annotations

from typing import Literal

import msgspec

from gts_audio.di_channel import DEFAULT_DI_CHANNEL, DIChannel
from gts_audio.montage_plan import MontageMode


class AmpBlock(msgspec.Struct, frozen=True, tag="amp"):
    """A NAM capture: `kind` is `amp` (needs a cab IR after it), `amp-cab` (full rig) or
    `pedal` (a pedal or outboard capture, run before the amp). `slim` (0..1) picks an A2
    SlimmableContainer's submodel or a slimmable WaveNet's channels; None runs the largest,
    as NAM Core's `render`."""

    nam: bytes
    kind: Literal["amp", "amp-cab", "pedal"] = "amp"
    name: str = ""
    slim: float | None = None
    # gains (dB) just before and just after the capture: its chain's level modes, resolved
    input_gain_db: float = 0.0
    output_gain_db: float = 0.0


class IRBlock(msgspec.Struct, frozen=True, tag="ir"):
    """A cabinet impulse response as WAV bytes."""

    wav: bytes
    name: str = ""


class EffectBlock(msgspec.Struct, frozen=True, tag="effect"):
    """A built-in effect (see `effect_params.EFFECTS`) with its parameters."""

    effect: str
    params: dict[str, float] = msgspec.field(default_factory=dict)


Block = AmpBlock | IRBlock | EffectBlock


def block_kind(block: Block) -> str:
    """The grammar kind of a block: `effect`, `pedal`, `amp`, `amp-cab` or `ir`."""
    if isinstance(block, AmpBlock):
        return block.kind
    if isinstance(block, IRBlock):
        return "ir"
    return "effect"


class ChainSpec(msgspec.Struct, frozen=True):
    """One signal chain: its name, the gain (dB) into its first block, its blocks in order;
    how its captures' levels were set (`input_mode`, `output_mode`, from `reference_dbu`)."""

    name: str
    blocks: list[Block]
    input_gain_db: float = 0.0
    input_mode: str = "raw"
    output_mode: str = "raw"
    reference_dbu: float = 12.0


class RenderOptions(msgspec.Struct, frozen=True):
    """Output options: the montage (`alternate` windows of `segment_seconds`, or `sequence`:
    each chain over the whole passage, `rounds` times round), loudness target (LUFS), blind
    labels, what to draw, and whether to keep each chain's render of the whole DI too.

    `seed` fixes the blind shuffle; None draws a fresh one.
    """

    montage_mode: MontageMode = "alternate"
    rounds: int = 1
    segment_seconds: float = 4.0
    target_lufs: float = -14.0
    blind: bool = False
    video: bool = True
    pictures: bool = True
    normalize_ir: bool = False
    full_renders: bool = False
    seed: int | None = None


class RenderJobSpec(msgspec.Struct, frozen=True):
    """A whole render: the DI recording as WAV/FLAC/AIFF/OGG/MP3 bytes, the chains, the options.

    `di_channel` is the DI's guitar signal: `left`, `right` or `mix` (the mean of both); a mono
    DI has one channel, and every choice reads it. The passage compared runs from
    `start_seconds` to `end_seconds` (None: the end); chains render only it (with a little
    audio before it, so amps, cabs and effects are settled at its first sample).
    """

    di: bytes
    chains: list[ChainSpec]
    options: RenderOptions = msgspec.field(default_factory=RenderOptions)
    di_name: str = "DI"
    title: str = ""  # the video's and youtube.txt's title (default: from the DI's name)
    di_channel: DIChannel = DEFAULT_DI_CHANNEL
    start_seconds: float = 0.0
    end_seconds: float | None = None
