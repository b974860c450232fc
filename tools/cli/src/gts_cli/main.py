"""The `gts` command: every sub-command lives in its own module under `gts_cli.commands`."""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from collections.abc import Sequence

from gts_cli import commands


def build_parser() -> argparse.ArgumentParser:
    """Build the parser from every module in `gts_cli.commands` that defines `register`."""
    parser = argparse.ArgumentParser(prog="gts", description="Guitar Tone Shootout")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point: parse the arguments and run the chosen command; its return is the exit code."""
    args = build_parser().parse_args(argv)
    code = args.run(args)
    if argv is None and getattr(args, "quick_exit", False):
        # A command that has closed its files and stopped its workers may skip the
        # interpreter's teardown (numba and LLVM take about 0.3 s of it).
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)
