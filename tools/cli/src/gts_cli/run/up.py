"""What `gts up` does: start the stack, keep it up, stop it on Ctrl-C or SIGTERM."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

from gts_cli.stack.errors import StackError
from gts_cli.stack.stack import Stack, StackConfig
from gts_cli.stack.supervisor import RestartPolicy, Supervisor, SupervisorGaveUpError
from gts_cli.stack.web import default_web_dir
from gts_kit.local.errors import LocalServerError


def run(args: argparse.Namespace) -> int:
    """Start, print the gateway URL, restart a service that dies, and stop everything cleanly
    on Ctrl-C or SIGTERM, or when one service crashes too often (exit code 1)."""
    if args.max_crashes < 1 or args.crash_window <= 0:
        print("gts up: --max-crashes must be >= 1 and --crash-window > 0", file=sys.stderr)
        return 2
    try:
        port = int(os.environ.get("GTS_GATEWAY_PORT", "8000"))
    except ValueError:
        print("gts up: GTS_GATEWAY_PORT must be a port number", file=sys.stderr)
        return 2
    web = os.environ.get("GTS_WEB_DIR")
    config = StackConfig(
        home=args.home.resolve(),
        gateway_port=port,
        database_url=os.environ.get("GTS_DATABASE_URL") or None,
        nats_url=os.environ.get("GTS_NATS_URL") or None,
        tone3000_url=os.environ.get("GTS_TONE3000_URL") or None,
        fresh=args.fresh,
        web_dir=Path(web).resolve() if web else default_web_dir(),
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
    policy = RestartPolicy(max_crashes=args.max_crashes, window_seconds=args.crash_window)
    supervisor = Supervisor(stack.children, policy, say=stack.say)
    try:
        supervisor.run(lambda: stopping, interval=0.5)
    except SupervisorGaveUpError as exc:
        print(f"gts up: {exc}", file=sys.stderr)
        return 1
    finally:
        print("gts: stopping", file=sys.stderr)
        stack.stop()
    return 0
