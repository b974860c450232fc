"""`gts bench shootout`: one 8-chain shootout through the services, stage by stage, beside
NAM Core's `render` over the same amps."""

from __future__ import annotations

import argparse
from pathlib import Path

from gts_cli.runner import runner


def register_bench(bench_subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `gts bench shootout`."""
    parser = bench_subparsers.add_parser(
        "shootout", help="an 8-chain shootout through the services, stage by stage"
    )
    parser.add_argument("--seconds", type=float, default=60.0, help="DI length (s)")
    parser.add_argument("--amps", type=int, default=4)
    parser.add_argument("--irs", type=int, default=2)
    parser.add_argument(
        "--nam-core",
        type=Path,
        default=None,
        metavar="PATH",
        help="NAM Core's `render` binary: time it over the same amps and print the ratio",
    )
    parser.add_argument(
        "--trace",
        action="store_true",
        help="print the job's trace too (every span, as `gts trace --no-progress` does)",
    )
    parser.set_defaults(run=runner("gts_cli.run.bench_shootout"))
