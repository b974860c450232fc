"""`gts nam MODEL.nam INPUT.wav -o OUTPUT.wav`: the raw output of one amp capture."""

from __future__ import annotations

import argparse
import time
from pathlib import Path


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
    parser.add_argument(
        "--slim",
        type=float,
        default=None,
        metavar="S",
        help="an A2 slim value, 0..1: a SlimmableContainer runs the first submodel whose "
        "max_value is at least S, a slimmable WaveNet the channels S picks "
        "(default: the largest, as NAM Core's render)",
    )
    parser.add_argument("--workers", type=int, default=None, help="processes (default: all cores)")
    parser.add_argument(
        "--timings",
        action="store_true",
        help="print the seconds spent in each phase as one JSON line on stderr",
    )
    parser.set_defaults(run=run, quick_exit=True)


def run(args: argparse.Namespace) -> int:
    """Import the engine and run the command; the import's seconds count as a phase."""
    started = time.perf_counter()
    from gts_cli.run import nam  # NumPy, soundfile and the engine load here, not for --help

    return nam.run(args, imports_seconds=time.perf_counter() - started)
