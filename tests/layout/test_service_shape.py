"""The shape every service shares (docs/architecture.md): the same modules in each, routes
that open no transaction, and no hand-written file over 300 lines."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ("auth", "catalog", "gateway", "render", "shootouts")
MAX_LINES = 300
SOURCES = (".py", ".ts", ".tsx", ".css")


def _package(service: str) -> Path:
    return ROOT / "services" / service / "src" / service


@pytest.mark.parametrize("service", SERVICES)
def test_every_service_has_the_same_modules(service: str) -> None:
    package = _package(service)
    for module in ("main.py", "app.py", "config.py", "wiring.py"):
        assert (package / module).is_file(), f"{service}: no {module}"


@pytest.mark.parametrize("service", ["auth", "catalog", "shootouts"])  # the ones with tables
def test_routes_open_no_transaction(service: str) -> None:
    """A route calls its feature's service; the feature opens the transaction."""
    routes = sorted((_package(service) / "api").glob("*.py"))
    assert routes, f"{service}: no routes in api/"
    for path in routes:
        text = path.read_text(encoding="utf-8")
        for marker in (".begin()", ".db()"):
            assert marker not in text, f"{path.relative_to(ROOT)}: {marker} in a route module"


def test_no_hand_written_file_is_over_300_lines() -> None:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    long = {}
    for name in listed:
        path = ROOT / name
        if not name.endswith(SOURCES) or not path.is_file():
            continue
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            long[name] = lines
    assert long == {}
