"""Root test configuration: the shared real-data fixtures and the real servers plugin."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED_FIXTURES = Path(__file__).resolve().parent.parent / "shared" / "fixtures"


@pytest.fixture(scope="session")
def shared_fixtures() -> Path:
    """The workplace's real audio and models (`../shared/fixtures`); skips when absent."""
    if not SHARED_FIXTURES.is_dir():
        pytest.skip(f"real fixtures not found at {SHARED_FIXTURES} (a clone outside the workplace)")
    return SHARED_FIXTURES


pytest_plugins = ["gts_kit.testing.plugin", "gts_engine.testing"]
