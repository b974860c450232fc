"""`gts-catalog serve|migrate`."""

from __future__ import annotations

import sys

from catalog.app import create_app
from catalog.config import Settings
from catalog.db.models import MIGRATIONS_DIR, SCHEMA
from gts_kit.runner import run_service_cli


def main() -> None:
    """Entry point of the `gts-catalog` command."""
    sys.exit(
        run_service_cli(
            "catalog", Settings, create_app, schema=SCHEMA, migrations_dir=MIGRATIONS_DIR
        )
    )
