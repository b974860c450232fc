"""What `gts nats-auth` does: the NATS authorization files generated from the contract
registry, written or checked."""

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
