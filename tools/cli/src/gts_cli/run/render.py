"""What `gts render` does: read the DI and the chains' files, render, show progress."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Literal, TextIO

from gts_cli.run.files import UsageError, read_file
from gts_engine.job import RenderCancelledError, RenderOutputError, render_job
from gts_engine.prepare import RenderInputError
from gts_engine.spec import (
    AmpBlock,
    Block,
    ChainSpec,
    EffectBlock,
    IRBlock,
    RenderJobSpec,
    RenderOptions,
)
from gts_nam import NamFormatError, parse_nam

_FULL_RIG_GEAR_TYPES = {"amp_cab", "amp_pedal_cab", "full_rig"}
# captures that run before the amp: pedals and studio (outboard) gear
_PEDAL_GEAR_TYPES = {"pedal", "studio", "outboard"}


def _capture_kind(gear_type: str) -> Literal["amp", "amp-cab", "pedal"]:
    if gear_type in _FULL_RIG_GEAR_TYPES:
        return "amp-cab"
    return "pedal" if gear_type in _PEDAL_GEAR_TYPES else "amp"


def _effect(item: str, where: str) -> EffectBlock:
    name, *pairs = item.removeprefix("effect:").split(":")
    params: dict[str, float] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        try:
            params[key] = float(value)
        except ValueError:
            raise UsageError(f"{where}: {pair!r} must be PARAM=NUMBER") from None
        if not sep:
            raise UsageError(f"{where}: {pair!r} must be PARAM=NUMBER")
    return EffectBlock(name, params)


def _block(item: str, where: str) -> Block:
    if item.startswith("effect:"):
        return _effect(item, where)
    path = Path(item)
    suffix = path.suffix.lower()
    if suffix == ".nam":
        data = read_file(path, where)
        try:
            gear_type = (parse_nam(data).metadata.gear_type or "").lower()
        except NamFormatError as exc:
            raise UsageError(f"{where}: {path.name}: {exc}") from exc
        return AmpBlock(data, _capture_kind(gear_type), path.stem)
    if suffix == ".wav":
        return IRBlock(read_file(path, where), path.stem)
    raise UsageError(f"{where}: {item!r} is neither a .nam capture, a .wav IR nor effect:NAME")


def parse_chain(text: str) -> ChainSpec:
    """Turn `NAME=ITEM[,ITEM...]` into a ChainSpec, reading the files it names."""
    name, sep, items = text.partition("=")
    if not sep or not name.strip() or not items.strip():
        raise UsageError(f"--chain {text!r}: expected NAME=ITEM[,ITEM...]")
    blocks = [
        _block(item.strip(), f"--chain {name.strip()}, item {i + 1}")
        for i, item in enumerate(items.split(","))
    ]
    return ChainSpec(name.strip(), blocks)


class ProgressBar:
    """A one-line progress bar on a stream: stage name, bar, percent."""

    def __init__(self, stream: TextIO, width: int = 30) -> None:
        self.stream = stream
        self.width = width
        self._last: tuple[str, int] | None = None

    def __call__(self, stage: str, fraction: float) -> None:
        """Show `stage` at `fraction` (0..1) of the whole job."""
        percent = round(fraction * 100)
        if (stage, percent) == self._last:
            return
        self._last = (stage, percent)
        filled = round(fraction * self.width)
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r[{bar}] {percent:3d}% {stage:<8}")
        self.stream.flush()

    def finish(self) -> None:
        """End the bar's line."""
        if self._last is not None:
            self.stream.write("\n")
            self.stream.flush()


def _fail(message: str) -> int:
    print(f"gts render: error: {message}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    """Run `gts render`; returns the exit code (0 done, 2 bad input, 130 interrupted)."""
    try:
        di = read_file(args.di, "--di")
        chains = [parse_chain(text) for text in args.chain]
    except UsageError as exc:
        return _fail(str(exc))
    options = RenderOptions(
        montage_mode=args.montage,
        rounds=args.rounds,
        full_renders=args.full_renders,
        segment_seconds=args.segment_seconds,
        target_lufs=args.target_lufs,
        blind=args.blind,
        video=not args.no_video,
        pictures=not args.no_pictures,
        normalize_ir=args.normalize_ir,
        seed=args.seed,
    )
    spec = RenderJobSpec(
        di=di,
        chains=chains,
        options=options,
        di_name=args.di.name,
        di_channel=args.channel,
        start_seconds=args.start,
        end_seconds=args.end,
    )
    bar = ProgressBar(sys.stderr)
    try:
        result = render_job(spec, args.output, bar)
    except (RenderInputError, RenderOutputError) as exc:
        bar.finish()
        return _fail(str(exc))
    except (KeyboardInterrupt, RenderCancelledError):
        bar.finish()
        return _fail("interrupted; nothing was written") + 128
    bar.finish()
    print(f"wrote {len(result.files) + 1} files to {result.out_dir}")
    return 0
