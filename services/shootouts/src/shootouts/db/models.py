"""Tables of the shootouts service."""

from __future__ import annotations

from shootouts.db.metadata import MIGRATIONS_DIR, SCHEMA, metadata
from shootouts.db.tables import (
    chain_groups,
    di_tracks,
    gear,
    outputs,
    render_jobs,
    shootouts,
    signal_chains,
)

__all__ = [
    "MIGRATIONS_DIR",
    "SCHEMA",
    "chain_groups",
    "di_tracks",
    "gear",
    "metadata",
    "outputs",
    "render_jobs",
    "shootouts",
    "signal_chains",
]
