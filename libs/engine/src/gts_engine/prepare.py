"""Check a whole render job before any work: DI, chain names, grammar, captures, IRs, effects."""

from __future__ import annotations

import functools
import hashlib
import math
import re
from dataclasses import dataclass

from gts_audio.di_rules import MIN_DI_SECONDS
from gts_audio.montage_plan import MAX_ROUNDS, MONTAGE_MODES, passage_bounds
from gts_chains import (
    EFFECTS,
    ChainGrammarError,
    EffectParamError,
    check_chain_order,
    validate_effect,
)
from gts_engine.arrays import Audio
from gts_engine.audio_io import AudioInputError, read_di
from gts_engine.cab import load_ir
from gts_engine.ir import IRFormatError
from gts_engine.spec import AmpBlock, EffectBlock, IRBlock, RenderJobSpec, block_kind
from gts_nam import NamFile, NamFormatError, parse_nam
from gts_nam.cost import check_cost

MAX_CHAINS = 26  # a blind montage labels chains A to Z
MIN_SEGMENT_SECONDS = 1.0
MAX_SEGMENT_SECONDS = 60.0
MIN_TARGET_LUFS = -40.0
MAX_TARGET_LUFS = -6.0
MAX_LEVEL_DB = 60.0  # a capture's level gains (the render command's bound)


class RenderInputError(ValueError):
    """A render job that cannot run: `code` says what kind of problem, `field` where it is."""

    def __init__(self, code: str, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.code = code
        self.field = field
        self.message = message


@dataclass(frozen=True, slots=True)
class PreparedAmp:
    """A capture block (`kind`: amp, amp-cab or pedal) with its parsed capture, and the gains
    (dB) applied just before and just after it (its chain's level modes)."""

    nam: NamFile
    kind: str
    name: str
    input_gain_db: float = 0.0
    output_gain_db: float = 0.0


@dataclass(frozen=True, slots=True)
class PreparedIR:
    """A cab block: the IR decoded, resampled to the render rate and maybe normalized."""

    ir: Audio
    name: str
    seconds: float


@dataclass(frozen=True, slots=True)
class PreparedEffect:
    """An effect block with every parameter resolved."""

    effect: str
    params: dict[str, float]


PreparedBlock = PreparedAmp | PreparedIR | PreparedEffect


@dataclass(frozen=True, slots=True)
class PreparedChain:
    """A chain ready to render."""

    name: str
    input_gain_db: float
    blocks: list[PreparedBlock]
    input_mode: str = "raw"
    output_mode: str = "raw"
    reference_dbu: float = 12.0


@dataclass(frozen=True, slots=True)
class PreparedJob:
    """The DI (mono float32 at `sample_rate` Hz, with its sha256), the passage compared
    (first and end sample) and the chains."""

    di: Audio
    di_sha256: str
    di_name: str
    sample_rate: int
    chains: list[PreparedChain]
    passage: tuple[int, int]


def describe_block(block: PreparedBlock) -> str:
    """A one-line human description of a block (gear names, file names, parameters)."""
    if isinstance(block, PreparedAmp):
        meta = block.nam.metadata
        gear = " ".join(x for x in (meta.gear_make, meta.gear_model) if x)
        kind = {"amp-cab": "Full rig", "pedal": "Pedal"}.get(block.kind, "Amp")
        size = block.nam.size_preset or block.nam.architecture
        title = meta.name or block.name or "capture"
        file_name = block.name if block.name and block.name != title else ""
        detail = ", ".join(x for x in (gear, size, file_name) if x)
        gains = ", ".join(
            f"{side} {db:+.1f} dB"
            for side, db in (("in", block.input_gain_db), ("out", block.output_gain_db))
            if db
        )
        return f"{kind}: {title} ({detail})" + (f" [{gains}]" if gains else "")
    if isinstance(block, PreparedIR):
        return f"Cab IR: {block.name or 'impulse response'} ({block.seconds * 1000:.0f} ms)"
    units = {s.name: s.unit for s in EFFECTS[block.effect]}
    shown = ", ".join(f"{k} {v:g}{_unit(units[k])}" for k, v in block.params.items())
    return f"{block.effect.replace('_', ' ').capitalize()}: {shown}"


def describe_levels(chain: PreparedChain) -> str:
    """How the chain's capture levels were set, in words ("" when both modes are raw)."""
    if chain.input_mode == "raw" and chain.output_mode == "raw":
        return ""
    parts = []
    if chain.input_mode == "calibrated":
        parts.append(f"input calibrated from {chain.reference_dbu:g} dBu")
    if chain.output_mode == "normalized":
        parts.append("output normalized to -18 dB")
    elif chain.output_mode == "calibrated":
        parts.append(f"output calibrated to {chain.reference_dbu:g} dBu")
    return "Levels: " + ", ".join(parts)


def _unit(unit: str) -> str:
    return unit if unit.startswith(":") or not unit else f" {unit}"


def slug(text: str) -> str:
    """A file-name-safe version of a chain name."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "chain"


def _check_options(spec: RenderJobSpec) -> None:
    o = spec.options
    if not (
        math.isfinite(o.segment_seconds)
        and MIN_SEGMENT_SECONDS <= o.segment_seconds <= MAX_SEGMENT_SECONDS
    ):
        raise RenderInputError(
            "INVALID_OPTION",
            "options.segment_seconds",
            f"{o.segment_seconds:g} s is outside {MIN_SEGMENT_SECONDS:g} to "
            f"{MAX_SEGMENT_SECONDS:g} s",
        )
    if not (math.isfinite(o.target_lufs) and MIN_TARGET_LUFS <= o.target_lufs <= MAX_TARGET_LUFS):
        raise RenderInputError(
            "INVALID_OPTION",
            "options.target_lufs",
            f"{o.target_lufs:g} LUFS is outside {MIN_TARGET_LUFS:g} to {MAX_TARGET_LUFS:g} LUFS",
        )
    if o.montage_mode not in MONTAGE_MODES:
        raise RenderInputError(
            "INVALID_OPTION", "options.montage_mode", f"{o.montage_mode!r} is not a montage mode"
        )
    if not 1 <= o.rounds <= (MAX_ROUNDS if o.montage_mode == "sequence" else 1):
        raise RenderInputError(
            "INVALID_OPTION",
            "options.rounds",
            f"{o.rounds}; a sequence montage goes round 1 or {MAX_ROUNDS} times, "
            "an alternate one once",
        )
    if not 1 <= len(spec.chains) <= MAX_CHAINS:
        raise RenderInputError(
            "INVALID_CHAINS", "chains", f"{len(spec.chains)} chains; 1 to {MAX_CHAINS} are allowed"
        )
    names = [c.name.strip() for c in spec.chains]
    for i, name in enumerate(names):
        if not name:
            raise RenderInputError("INVALID_CHAINS", f"chains[{i}].name", "must not be empty")
        if name in names[:i]:
            raise RenderInputError("INVALID_CHAINS", f"chains[{i}].name", f"{name!r} is used twice")


def prepare_job(spec: RenderJobSpec) -> PreparedJob:
    """Validate every input of `spec` and decode it; raises `RenderInputError` on the first fault.

    Nothing heavy runs here (no inference), so a bad job fails in milliseconds.
    """
    _check_options(spec)
    try:
        di, rate = read_di(spec.di, channel=spec.di_channel)
    except AudioInputError as exc:
        raise RenderInputError("INVALID_DI", exc.field, exc.message) from exc
    # chains often share a capture or an IR: each distinct file is read once
    parse = functools.cache(parse_nam)
    ir_of = functools.cache(lambda wav: load_ir(wav, rate, normalize=spec.options.normalize_ir))
    chains: list[PreparedChain] = []
    for ci, chain in enumerate(spec.chains):
        where = f"chains[{ci}] ({chain.name})"
        if not math.isfinite(chain.input_gain_db) or abs(chain.input_gain_db) > 48.0:
            raise RenderInputError(
                "INVALID_OPTION",
                f"{where}.input_gain_db",
                f"{chain.input_gain_db:g} dB is outside -48 to 48 dB",
            )
        try:
            check_chain_order([block_kind(b) for b in chain.blocks], chain.name)
        except ChainGrammarError as exc:
            raise RenderInputError(exc.code.value, f"{where}.blocks", exc.message) from exc
        blocks: list[PreparedBlock] = []
        for bi, block in enumerate(chain.blocks):
            field = f"{where}.blocks[{bi}]"
            try:
                if isinstance(block, AmpBlock):
                    nam = parse(block.nam)
                    if block.slim is not None:
                        # refused unless 0..1 and the file is slimmable (A2)
                        nam = nam.with_slim(block.slim)
                    # parse_nam refuses it already; the renderer checks again before any work
                    # (a NamFormatError here fails the job for good: INVALID_NAM)
                    check_cost(nam.config, nam.sample_rate)
                    for side in ("input_gain_db", "output_gain_db"):
                        db = getattr(block, side)
                        if not math.isfinite(db) or abs(db) > MAX_LEVEL_DB:
                            raise RenderInputError(
                                "INVALID_OPTION",
                                f"{field}.{side}",
                                f"{db:g} dB is outside -{MAX_LEVEL_DB:g} to {MAX_LEVEL_DB:g} dB",
                            )
                    blocks.append(
                        PreparedAmp(
                            nam, block.kind, block.name, block.input_gain_db, block.output_gain_db
                        )
                    )
                elif isinstance(block, IRBlock):
                    ir = ir_of(block.wav)
                    blocks.append(PreparedIR(ir, block.name, ir.shape[0] / rate))
                else:
                    assert isinstance(block, EffectBlock)
                    blocks.append(
                        PreparedEffect(block.effect, validate_effect(block.effect, block.params))
                    )
            except NamFormatError as exc:
                raise RenderInputError("INVALID_NAM", field, str(exc)) from exc
            except IRFormatError as exc:
                raise RenderInputError("INVALID_IR", f"{field}.{exc.field}", exc.message) from exc
            except EffectParamError as exc:
                raise RenderInputError(
                    "INVALID_EFFECT", f"{field}.{exc.field}", exc.message
                ) from exc
        chains.append(
            PreparedChain(
                chain.name.strip(),
                chain.input_gain_db,
                blocks,
                chain.input_mode,
                chain.output_mode,
                chain.reference_dbu,
            )
        )
    sha = hashlib.sha256(spec.di).hexdigest()
    return PreparedJob(di, sha, spec.di_name, rate, chains, _passage(spec, di.shape[0], rate))


def _passage(spec: RenderJobSpec, frames: int, rate: int) -> tuple[int, int]:
    """The passage's first and end sample; RenderInputError unless it lies in the DI and
    lasts at least `MIN_DI_SECONDS`."""
    start, end = spec.start_seconds, spec.end_seconds
    seconds = frames / rate
    if not (math.isfinite(start) and 0.0 <= start < seconds):
        raise RenderInputError(
            "INVALID_OPTION", "start_seconds", f"{start:g} s is outside the DI (0 to {seconds:g} s)"
        )
    if end is not None and not (math.isfinite(end) and start < end <= seconds + 0.5 / rate):
        raise RenderInputError(
            "INVALID_OPTION",
            "end_seconds",
            f"{end:g} s must be after the start ({start:g} s) and within the DI ({seconds:g} s)",
        )
    first, stop = passage_bounds(frames, rate, start, end)
    if stop - first < MIN_DI_SECONDS * rate:
        raise RenderInputError(
            "INVALID_OPTION",
            "end_seconds" if end is not None else "start_seconds",
            f"the passage lasts {(stop - first) / rate:.3f} s; at least {MIN_DI_SECONDS:g} s",
        )
    return first, stop
