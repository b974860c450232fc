"""`gts nam MODEL.nam INPUT.wav -o OUTPUT.wav`: the raw output of one amp capture."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
import soundfile as sf

from gts_nam import NamFile, NamFormatError, parse_nam
from render.engine.nam import run_amp


class NamCommandError(ValueError):
    """A file or value the command cannot use; printed as one line on stderr."""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `gts nam` to the `gts` parser."""
    parser = subparsers.add_parser(
        "nam",
        help="run one .nam capture over a WAV (raw model output)",
        description="Run a .nam amp capture over an audio file and write the raw model "
        "output as a mono float32 WAV at the input's rate and length (several channels are "
        "averaged to mono; the input is resampled to the model's rate and back if needed).",
    )
    parser.add_argument("model", type=Path, help="the .nam capture")
    parser.add_argument("input", type=Path, help="the input audio (WAV, FLAC, AIFF...)")
    parser.add_argument("-o", "--output", required=True, type=Path, help="the WAV to write")
    parser.add_argument(
        "--gain-db", type=float, default=0.0, help="input gain before the model (dB)"
    )
    parser.add_argument("--workers", type=int, default=None, help="processes (default: all cores)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Render and write the output; 0 on success, 1 with a one-line error otherwise."""
    try:
        nam = _read_model(args.model)
        audio, rate = _read_audio(args.input)
        y = run_amp(
            nam,
            audio,
            rate,
            input_gain_db=args.gain_db,
            workers=args.workers,
            progress=_progress_bar(sys.stderr.isatty()),
        )
        _write_atomically(args.output, y, rate)
    except NamCommandError as exc:
        print(f"gts nam: {exc}", file=sys.stderr)
        return 1
    return 0


def _read_bytes(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise NamCommandError(f"{what}: {path} does not exist") from None
    except IsADirectoryError:
        raise NamCommandError(f"{what}: {path} is a folder, not a file") from None
    except OSError as exc:
        raise NamCommandError(f"{what}: cannot read {path} ({exc.strerror})") from None


def _read_model(path: Path) -> NamFile:
    try:
        return parse_nam(_read_bytes(path, "model"))
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
