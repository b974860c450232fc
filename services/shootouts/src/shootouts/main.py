"""`gts-shootouts serve|migrate`."""

from __future__ import annotations

import sys

from gts_kit.runner import run_service_cli
from shootouts.app import create_app
from shootouts.config import Settings
from shootouts.db.models import MIGRATIONS_DIR, SCHEMA


def main() -> None:
    """Entry point of the `gts-shootouts` command."""
    sys.exit(
        run_service_cli(
            "shootouts", Settings, create_app, schema=SCHEMA, migrations_dir=MIGRATIONS_DIR
        )
    )
