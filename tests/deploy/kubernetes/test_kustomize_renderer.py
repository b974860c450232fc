"""The kustomize renderer of the checks: its refusals and its own merge semantics."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from deploycheck import kustomize


def test_unknown_kustomization_field_is_refused(tmp_path: Path) -> None:
    (tmp_path / "kustomization.yaml").write_text("commonLabels:\n  a: b\nresources: []\n")
    with pytest.raises(kustomize.KustomizeError, match="commonLabels"):
        kustomize.render(tmp_path)


def test_patch_for_a_missing_resource_is_refused(tmp_path: Path, repo_root: Path) -> None:
    base = (repo_root / "deploy" / "k8s" / "base").as_posix()
    (tmp_path / "kustomization.yaml").write_text(
        f"resources:\n  - {base}\npatches:\n  - path: patch.yaml\n"
    )
    (tmp_path / "patch.yaml").write_text(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: billing\nspec:\n  replicas: 3\n"
    )
    with pytest.raises(kustomize.KustomizeError, match="Deployment/billing matches no resource"):
        kustomize.render(tmp_path)


def test_strategic_merge_merges_containers_by_name_and_replaces_custom_lists() -> None:
    base = {"spec": {"containers": [{"name": "a", "image": "x", "args": ["1"]}], "items": [1, 2]}}
    patch = {"spec": {"containers": [{"name": "a", "image": "y"}], "items": [3]}}
    merged = kustomize.strategic_merge(base, patch)
    assert merged == {
        "spec": {"containers": [{"name": "a", "image": "y", "args": ["1"]}], "items": [3]}
    }
    base_crd = {"triggers": [{"name": "t", "type": "x", "metadata": {"a": "1"}}]}
    patch_crd = {"triggers": [{"name": "t", "metadata": {"b": "2"}}]}
    assert kustomize.strategic_merge(base_crd, patch_crd, builtin=False) == patch_crd


def test_null_in_a_patch_deletes_the_key() -> None:
    assert kustomize.strategic_merge({"a": 1, "b": 2}, {"b": None}) == {"a": 1}


def test_images_keep_the_registry_port_apart_from_the_tag(tmp_path: Path) -> None:
    deployment = {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "x"},
        "spec": {"template": {"spec": {"containers": [{"name": "x", "image": "gts-x"}]}}},
    }
    (tmp_path / "d.yaml").write_text(yaml.safe_dump(deployment))
    (tmp_path / "kustomization.yaml").write_text(
        "resources: [d.yaml]\nimages:\n  - name: gts-x\n    newName: reg:5000/gts-x\n"
        "    newTag: '1.2'\n"
    )
    (rendered,) = kustomize.render(tmp_path)
    assert rendered["spec"]["template"]["spec"]["containers"][0]["image"] == "reg:5000/gts-x:1.2"
