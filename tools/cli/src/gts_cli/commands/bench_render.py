"""`gts bench render`: real-time factors of NAM inference for every architecture and size."""

from __future__ import annotations

import argparse
from pathlib import Path

from gts_cli.runner import runner

# A1 WaveNet sizes, A2 (a SlimmableContainer: full at the default slim, lite at slim 0),
# LSTM, ConvNet and Linear; every model synthesized with seeded weights.
KINDS = ("standard", "lite", "feather", "nano", "a2-full", "a2-lite", "lstm", "convnet", "linear")


def register_bench(bench_subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `gts bench render`."""
    parser = bench_subparsers.add_parser(
        "render",
        help="NAM inference real-time factors (A1 sizes, A2 full and lite, LSTM, ConvNet, Linear)",
        description="Render a generated guitar-like input through synthesized models of every "
        "architecture and size and print real-time factors: all cores (worker processes; "
        "an LSTM or a Linear runs in one process either way), one process, "
        "and the official neural-amp-modeler package when it is installed (A1 and LSTM); "
        "the BLAS library and kernel in use head the table. Then run `gts nam` as a "
        "subprocess with an A1 standard model and split its wall time into its phases. "
        "With --nam-core, time NAM Core's C++ render tool against `gts nam` too.",
    )
    parser.add_argument("--seconds", type=float, default=60.0, help="input length (s)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; the best counts")
    parser.add_argument("--workers", type=int, default=None, help="processes (default: cores)")
    parser.add_argument("--kinds", default=",".join(KINDS), help="comma-separated model kinds")
    parser.add_argument(
        "--nam-seconds",
        type=float,
        default=120.0,
        help="input length for the `gts nam` subprocess runs, the --nam-core side by side "
        "included (s; 0 skips the phases run)",
    )
    parser.add_argument(
        "--nam-core",
        type=Path,
        default=None,
        metavar="PATH",
        help="a NeuralAmpModelerCore `render` binary you built: also print it side by side "
        "with `gts nam` (whole processes, one thread for NAM Core) on A1 standard, A2 full, "
        "A2 lite and LSTM over the --nam-seconds DI",
    )
    parser.set_defaults(run=runner("gts_cli.run.bench_render"))
