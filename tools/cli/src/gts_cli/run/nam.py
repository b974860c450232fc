"""What `gts nam` does: read a capture and an audio file, run the amp, write a float WAV."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import soundfile as sf

from gts_cli.run.files import UsageError, read_file
from gts_engine.nam.amp_stage import run_amp
from gts_nam import NamFile, NamFormatError, parse_nam


class NamCommandError(UsageError):
    """A file or value the command cannot use; printed as one line on stderr."""


class PhaseClock:
    """Seconds spent in each named phase, in the order they ran."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._mark = time.perf_counter()

    def lap(self, phase: str) -> None:
        """Close `phase`: the seconds since the previous lap (or since creation) are its."""
        now = time.perf_counter()
        self.seconds[phase] = now - self._mark
        self._mark = now


def run(args: argparse.Namespace, imports_seconds: float = 0.0) -> int:
    """Render and write the output; 0 on success, 1 with a one-line error otherwise.

    With `--timings`, one JSON line on stderr gives the seconds of each phase: `imports`
    (this module and the engine), `model_load` (read and parse the .nam), `read_input`,
    `engine` (resampling and inference, worker start-up included), `write`, and `total`.
    """
    clock = PhaseClock()
    try:
        nam = _read_model(args.model, args.slim)
        clock.lap("model_load")
        audio, rate = _read_audio(args.input)
        clock.lap("read_input")
        y = run_amp(
            nam,
            audio,
            rate,
            input_gain_db=args.gain_db,
            workers=args.workers,
            progress=_progress_bar(sys.stderr.isatty()),
        )
        clock.lap("engine")
        _write_atomically(args.output, y, rate)
        clock.lap("write")
    except UsageError as exc:
        print(f"gts nam: {exc}", file=sys.stderr)
        return 1
    if args.timings:
        phases = {"imports": imports_seconds, **clock.seconds}
        phases["total"] = sum(phases.values())
        print(json.dumps({k: round(v, 4) for k, v in phases.items()}), file=sys.stderr)
    return 0


def _read_model(path: Path, slim: float | None = None) -> NamFile:
    try:
        nam = parse_nam(read_file(path, "model"))
        return nam if slim is None else nam.with_slim(slim)
    except NamFormatError as exc:
        raise NamCommandError(f"model: {path}: {exc}") from None


def _read_audio(path: Path) -> tuple[np.ndarray, int]:
    if not path.exists():
        raise NamCommandError(f"input: {path} does not exist")
    try:
        frames, rate = sf.read(str(path), dtype="float32", always_2d=True)
    except (sf.LibsndfileError, RuntimeError, TypeError) as exc:
        raise NamCommandError(f"input: {path} is not a readable audio file ({exc})") from None
    mono = np.ascontiguousarray(frames.mean(axis=1), dtype=np.float32)
    if not np.all(np.isfinite(mono)):
        raise NamCommandError(f"input: {path} contains NaN or infinite samples")
    return mono, int(rate)


def _write_atomically(path: Path, audio: np.ndarray, rate: int) -> None:
    """Write next to the target and rename, so a failure leaves no partial output."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise NamCommandError(f"output: folder {folder} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise NamCommandError(f"output: cannot write in {folder} ({exc.strerror})") from None
    os.close(fd)
    try:
        sf.write(tmp, audio, rate, format="WAV", subtype="FLOAT")
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise NamCommandError(f"output: cannot write {path} ({exc.strerror})") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _progress_bar(enabled: bool) -> Callable[[float], None] | None:
    """A one-line progress bar on stderr when it is a terminal."""
    if not enabled:
        return None

    def show(fraction: float) -> None:
        filled = int(fraction * 30)
        end = "\n" if fraction >= 1.0 else ""
        print(
            f"\r[{'#' * filled}{'.' * (30 - filled)}] {fraction:4.0%}",
            end=end,
            file=sys.stderr,
            flush=True,
        )

    return show
