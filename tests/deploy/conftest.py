"""Deployment checks: make the `deploycheck` helpers importable and name the repository root."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
# --import-mode=importlib puts no test directory on sys.path; the checkers live beside the tests.
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository root: the Docker build context and the kustomize tree's parent."""
    return HERE.parent.parent
