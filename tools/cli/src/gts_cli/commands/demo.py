"""`gts demo`: the whole product flow against a running `gts up`, as a sandbox user."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from gts_cli.runner import runner


def register(sub: Any) -> None:
    """Add `gts demo`."""
    parser = sub.add_parser("demo", help="sign in, build and render a shootout on `gts up`")
    default = f"http://127.0.0.1:{os.environ.get('GTS_GATEWAY_PORT', '8000')}"
    parser.add_argument("--url", default=default, help=f"the gateway (default {default})")
    parser.add_argument("--user", default="alice", help="sandbox user (alice, bob, carol)")
    parser.add_argument("--seconds", type=float, default=12.0, help="length of the DI")
    parser.add_argument("-o", "--out", type=Path, help="folder for the results")
    parser.set_defaults(run=runner("gts_cli.run.demo"))
