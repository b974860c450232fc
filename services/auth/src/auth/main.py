"""`gts-auth serve|migrate`."""

from __future__ import annotations

import sys

from auth.app import create_app
from auth.config import Settings
from auth.db.models import MIGRATIONS_DIR, SCHEMA
from gts_kit.runner import run_service_cli


def main() -> None:
    """Entry point of the `gts-auth` command."""
    sys.exit(
        run_service_cli("auth", Settings, create_app, schema=SCHEMA, migrations_dir=MIGRATIONS_DIR)
    )
