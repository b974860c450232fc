"""`gts bench api`: load on the API through the gateway and straight to the owning service."""

from __future__ import annotations

import argparse

from gts_cli.runner import runner


def register_bench(bench_subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `gts bench api`."""
    parser = bench_subparsers.add_parser(
        "api", help="API load through the gateway and direct (wrk), submissions, live latency"
    )
    parser.add_argument("--seconds", type=float, default=8.0, help="length of each wrk run")
    parser.add_argument("--connections", default="1,16,64", help="comma-separated")
    parser.add_argument("--probes", type=int, default=100, help="submit-to-progress samples")
    parser.set_defaults(run=runner("gts_cli.run.bench_api"))
