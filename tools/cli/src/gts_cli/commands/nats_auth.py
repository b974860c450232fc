"""`gts nats-auth`: write (or check) the committed NATS authorization config for deployments."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from gts_kit.local.nats_auth import deployed_config, deployed_config_map

# Where each generated file lives, relative to the repository root, and what it holds.
FILES: dict[str, Callable[[], str]] = {
    "deploy/nats/gts-auth.conf": deployed_config,
    "deploy/k8s/base/nats-auth.yaml": deployed_config_map,
}


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
    parser.set_defaults(run=run)


def stale(root: Path) -> list[str]:
    """The generated files under `root` that differ from what the registry gives now."""
    return [
        name
        for name, make in FILES.items()
        if not (root / name).is_file() or (root / name).read_text() != make()
    ]


def run(args: argparse.Namespace) -> int:
    """Write the files (or, with --check, name the stale ones)."""
    root: Path = args.root
    if args.check:
        out_of_date = stale(root)
        for name in out_of_date:
            print(f"gts nats-auth: {name} is out of date (run `gts nats-auth`)", file=sys.stderr)
        return 1 if out_of_date else 0
    for name, make in FILES.items():
        (root / name).write_text(make())
        print(f"wrote {name}")
    return 0
