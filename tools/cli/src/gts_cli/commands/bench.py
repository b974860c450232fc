"""`gts bench ...`: benchmark groups, each in a `bench_*.py` module with `register_bench`."""

from __future__ import annotations

import argparse
import importlib
import pkgutil

from gts_cli import commands

BENCH_PREFIX = "bench_"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `gts bench` and every `bench_*` module's sub-command under it."""
    parser = subparsers.add_parser("bench", help="measure speed (real-time factors, latencies)")
    bench_subparsers = parser.add_subparsers(dest="bench", required=True, metavar="BENCH")
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        if not info.name.startswith(BENCH_PREFIX):
            continue
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        register_bench = getattr(module, "register_bench", None)
        if register_bench is not None:
            register_bench(bench_subparsers)
