"""`gts-gateway serve|migrate`."""

from __future__ import annotations

import sys

from gateway.app import create_app
from gateway.config import Settings
from gts_kit.runner import run_service_cli


def main() -> None:
    """Entry point of the `gts-gateway` command."""
    sys.exit(run_service_cli("gateway", Settings, create_app))
