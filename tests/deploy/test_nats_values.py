"""deploy/nats/values.yaml: a three-node JetStream cluster on file storage, no misspelt keys."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema.validators import validator_for

SCHEMA = Path(__file__).resolve().parent / "schemas" / "nats-helm-values.schema.json"


def _errors(values: dict[str, Any]) -> list[str]:
    schema = json.loads(SCHEMA.read_text())
    return [error.message for error in validator_for(schema)(schema).iter_errors(values)]


@pytest.fixture(scope="module")
def values(repo_root: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(
        (repo_root / "deploy" / "nats" / "values.yaml").read_text()
    )
    return loaded


def test_values_use_only_known_chart_keys(values: dict[str, Any]) -> None:
    assert _errors(values) == []


def test_values_make_a_three_node_jetstream_cluster_on_file_storage(
    values: dict[str, Any],
) -> None:
    config = values["config"]
    assert config["cluster"] == {"enabled": True, "replicas": 3}
    assert config["jetstream"]["enabled"] is True
    assert config["jetstream"]["fileStore"]["pvc"]["enabled"] is True
    assert config["monitor"]["port"] == 8222  # KEDA reads the render-jobs lag there.


def test_a_misspelt_chart_key_is_refused(values: dict[str, Any]) -> None:
    broken = copy.deepcopy(values)
    broken["config"]["jetstream"]["filestore"] = broken["config"]["jetstream"].pop("fileStore")
    assert any("filestore" in error for error in _errors(broken))
