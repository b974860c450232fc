"""`gts up`: the whole stack on this machine, until Ctrl-C."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gts_cli.runner import runner


def register(sub: Any) -> None:
    """Add `gts up`."""
    parser = sub.add_parser(
        "up",
        help="run the whole stack locally until Ctrl-C",
        description="Start PostgreSQL, NATS, the TONE3000 sandbox and the five services, and "
        "keep them up: a service that dies is restarted after a back-off (0.5 s, doubling "
        "with each crash in the window, at most 30 s). When one service crashes --max-crashes "
        "times within --crash-window seconds, everything stops and the reason is printed.",
    )
    parser.add_argument("--fresh", action="store_true", help="wipe .gts/ (all local data) first")
    parser.add_argument("--home", type=Path, default=Path(".gts"), help="data folder (.gts)")
    parser.add_argument(
        "--max-crashes",
        type=int,
        default=5,
        metavar="N",
        help="crashes of one service within the window that stop the stack (default 5)",
    )
    parser.add_argument(
        "--crash-window",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="the window for --max-crashes (s, default 60)",
    )
    parser.set_defaults(run=runner("gts_cli.run.up"))
