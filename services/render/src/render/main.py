"""`gts-render serve|migrate`."""

from __future__ import annotations

import sys

from gts_kit.runner import run_service_cli
from render.app import create_app
from render.config import Settings


def main() -> None:
    """Entry point of the `gts-render` command."""
    sys.exit(run_service_cli("render", Settings, create_app))
