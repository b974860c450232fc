"""The committed NATS users config: what the registry gives now, and nats-server takes it."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import yaml

from gts_cli.run.nats_auth import FILES, stale
from gts_contracts.permissions import services
from gts_kit.local.nats import nats_binary
from gts_kit.local.nats_auth import ADMIN_USER, deployed_config, password_variable


def test_committed_nats_auth_files_equal_the_generators_output(repo_root: Path) -> None:
    assert stale(repo_root) == [], "run `gts nats-auth` (make nats-auth) and commit the result"


def test_a_stale_file_is_caught(tmp_path: Path) -> None:
    for name, make in FILES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(make())
    assert stale(tmp_path) == []
    conf = tmp_path / "deploy" / "nats" / "gts-auth.conf"
    conf.write_text(conf.read_text().replace("{user: render,", "{user: render2,"))
    assert stale(tmp_path) == ["deploy/nats/gts-auth.conf"]


def test_the_config_map_holds_the_same_config(repo_root: Path) -> None:
    config_map = yaml.safe_load(
        (repo_root / "deploy" / "k8s" / "base" / "nats-auth.yaml").read_text()
    )
    assert config_map["data"]["gts-auth.conf"] == deployed_config()


def test_nats_server_accepts_the_config_with_every_password_set(repo_root: Path) -> None:
    users = (ADMIN_USER, *services())
    env = {**os.environ, **{password_variable(u): f"pw-{u}" for u in users}}
    conf = repo_root / "deploy" / "nats" / "gts-auth.conf"
    result = subprocess.run(
        [str(nats_binary()), "-t", "-c", str(conf)],
        env=env, capture_output=True, text=True, timeout=30, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr


def test_nats_server_refuses_the_config_when_a_password_is_unset(repo_root: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NATS_")}
    env.update({password_variable(u): "pw" for u in (ADMIN_USER, *services()) if u != "render"})
    result = subprocess.run(
        [str(nats_binary()), "-t", "-c", str(repo_root / "deploy" / "nats" / "gts-auth.conf")],
        env=env, capture_output=True, text=True, timeout=30, check=False,
    )  # fmt: skip
    assert result.returncode != 0
    assert password_variable("render") in result.stderr + result.stdout
