"""The Kubernetes base and overlays, rendered once per test module, and the lookup the
tests share."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from deploycheck import docs, k8s, kustomize

OVERLAYS = ("base", "overlays/dev", "overlays/prod")
POSTGRES_PODS = {"cnpg.io/cluster": "gts-db"}
Resource = dict[str, Any]


def _render(repo_root: Path, overlay: str) -> list[Resource]:
    return kustomize.render(repo_root / "deploy" / "k8s" / overlay)


@pytest.fixture(scope="module", params=OVERLAYS)
def rendered(request: pytest.FixtureRequest, repo_root: Path) -> tuple[str, list[Resource]]:
    overlay: str = request.param
    return overlay, _render(repo_root, overlay)


@pytest.fixture(scope="module")
def prod(repo_root: Path) -> list[Resource]:
    return _render(repo_root, "overlays/prod")


@pytest.fixture(scope="module")
def dev(repo_root: Path) -> list[Resource]:
    return _render(repo_root, "overlays/dev")


@pytest.fixture(scope="module")
def documented_secrets(repo_root: Path) -> set[str]:
    return docs.documented_secrets((repo_root / "docs" / "deploy.md").read_text())


def get_resource(resources: list[Resource], kind: str, name: str) -> Resource:
    """The rendered resource of this kind and name (fails the test when it is missing)."""
    found = k8s.find(resources, kind, name)
    assert found is not None, f"{kind}/{name} is not rendered"
    return found
