"""deploy/nats/values.yaml: a three-node JetStream cluster on file storage, no misspelt keys."""

from __future__ import annotations

import copy
import json
import posixpath
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema.validators import validator_for

from gts_contracts.permissions import services
from gts_kit.local.nats_auth import ADMIN_USER, password_variable

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


def test_values_sign_clients_in_with_the_generated_users(values: dict[str, Any]) -> None:
    include = values["config"]["merge"]["$include"]
    # nats-server resolves an include relative to the main config, /etc/nats-config.
    (mount,) = [p["value"] for p in values["container"]["patch"] if p["path"] == "/volumeMounts/-"]
    assert posixpath.normpath(posixpath.join("/etc/nats-config", include)) == (
        f"{mount['mountPath']}/gts-auth.conf"
    )
    (volume,) = [
        p["value"] for p in values["podTemplate"]["patch"] if p["path"] == "/spec/volumes/-"
    ]
    assert (volume["name"], volume["configMap"]["name"]) == (mount["name"], "nats-auth")


def test_values_give_nats_every_users_password_from_its_own_secret(
    values: dict[str, Any],
) -> None:
    users = (ADMIN_USER, *services())
    assert values["container"]["env"] == {
        password_variable(user): {
            "valueFrom": {"secretKeyRef": {"name": f"gts-nats-{user}", "key": "password"}}
        }
        for user in users
    }


def test_a_misspelt_include_key_is_refused(values: dict[str, Any]) -> None:
    broken = copy.deepcopy(values)
    broken["config"]["merge"]["include"] = broken["config"]["merge"].pop("$include")
    assert _errors(broken)
