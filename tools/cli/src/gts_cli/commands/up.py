"""`gts up`: the whole stack on this machine, until Ctrl-C."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from pathlib import Path
from typing import Any

from gts_cli.stack.stack import Stack, StackConfig, StackError
from gts_kit.local.errors import LocalServerError


def register(sub: Any) -> None:
    """Add `gts up`."""
    parser = sub.add_parser("up", help="run the whole stack locally until Ctrl-C")
    parser.add_argument("--fresh", action="store_true", help="wipe .gts/ (all local data) first")
    parser.add_argument("--home", type=Path, default=Path(".gts"), help="data folder (.gts)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Start, print the gateway URL, and stop everything cleanly on Ctrl-C or SIGTERM."""
    try:
        port = int(os.environ.get("GTS_GATEWAY_PORT", "8000"))
    except ValueError:
        print("gts up: GTS_GATEWAY_PORT must be a port number", file=sys.stderr)
        return 2
    config = StackConfig(
        home=args.home.resolve(),
        gateway_port=port,
        database_url=os.environ.get("GTS_DATABASE_URL") or None,
        nats_url=os.environ.get("GTS_NATS_URL") or None,
        tone3000_url=os.environ.get("GTS_TONE3000_URL") or None,
        fresh=args.fresh,
    )
    stack = Stack(config, say=lambda line: print(f"gts: {line}", file=sys.stderr))
    stopping = False

    def on_signal(_signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    try:
        stack.start()
    except (StackError, LocalServerError) as exc:
        print(f"gts up: {exc}", file=sys.stderr)
        return 1
    print(f"GTS is up at {stack.gateway_url}  (API docs: {stack.gateway_url}/docs; Ctrl-C stops)")
    sys.stdout.flush()
    try:
        while not stopping:
            dead = [name for name, child in stack.children.items() if not child.alive]
            if dead:
                print(f"gts up: {dead[0]} stopped: {stack.children[dead[0]].last_log_line()}",
                      file=sys.stderr)  # fmt: skip
                return 1
            time.sleep(0.5)
    finally:
        print("gts: stopping", file=sys.stderr)
        stack.stop()
    return 0
