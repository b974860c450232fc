"""`gts trace JOB_ID`: the span tree of a render job, from the stack's trace files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gts_cli.runner import runner


def register(sub: Any) -> None:
    """Add `gts trace`."""
    parser = sub.add_parser(
        "trace",
        help="print a render job's trace: every span from the click to the live update",
        description="Find the trace of a render job in the spans `gts up` keeps (HOME/traces) "
        "and print its tree: each span's start (s from the trace's first), duration, service "
        "and name, children indented under their parent.",
    )
    parser.add_argument("job_id", help="the render job's id")
    parser.add_argument("--home", type=Path, default=Path(".gts"), help="data folder (.gts)")
    parser.add_argument(
        "--no-progress",
        action="store_true",
        help="leave out the progress events' spans (a few a second while a job renders)",
    )
    parser.set_defaults(run=runner("gts_cli.run.trace"))
