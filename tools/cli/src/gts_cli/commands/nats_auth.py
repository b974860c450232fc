"""`gts nats-auth`: write (or check) the committed NATS authorization config for deployments."""

from __future__ import annotations

import argparse
from pathlib import Path

from gts_cli.runner import runner


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `gts nats-auth` to the `gts` parser."""
    parser = subparsers.add_parser(
        "nats-auth",
        help="regenerate the NATS users and permissions of docker compose and Kubernetes",
        description="Write deploy/nats/gts-auth.conf and its ConfigMap from the contract "
        "registry: one NATS user per service with its least permissions, plus the admin.",
    )
    parser.add_argument(
        "--root", type=Path, default=Path.cwd(), help="the repository root (default: here)"
    )
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if a file is out of date"
    )
    parser.set_defaults(run=runner("gts_cli.run.nats_auth"))
