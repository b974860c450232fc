"""Least privilege: each workload its own NATS user, render without the identity secret."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from deploycheck import docs, k8s

from gts_kit.local.nats_auth import ADMIN_USER, deployed_config

from .conftest import Resource, get_resource

RENDER_MUST_NOT_READ = {"GTS_INTERNAL_SECRET", "GTS_TOKEN_ENCRYPTION_KEYS", "GTS_JWT_PRIVATE_KEYS"}


def _container(resources: list[Resource], kind: str, name: str) -> dict[str, Any]:
    workload = get_resource(resources, kind, name)
    container: dict[str, Any] = workload["spec"]["template"]["spec"]["containers"][0]
    return container


def test_each_service_signs_in_to_nats_as_itself_with_only_its_own_secret(
    rendered: tuple[str, list[Resource]],
) -> None:
    _, resources = rendered
    for name in k8s.SERVICES:
        container = _container(resources, "Deployment", name)
        env = {e["name"]: e for e in container.get("env", [])}
        assert env["GTS_NATS_USER"]["value"] == name
        assert env["GTS_NATS_PASSWORD"]["valueFrom"]["secretKeyRef"] == {
            "name": f"gts-nats-{name}",
            "key": "password",
        }
        nats_secrets = {s for s in k8s.secrets_read(container) if s.startswith("gts-nats-")}
        assert nats_secrets == {f"gts-nats-{name}"}, name


def test_provisioning_job_runs_as_the_nats_admin(rendered: tuple[str, list[Resource]]) -> None:
    _, resources = rendered
    container = _container(resources, "Job", "nats-provision")
    assert container["command"] == ["gts-gateway", "provision"]
    env = {e["name"]: e for e in container["env"]}
    assert env["GTS_NATS_USER"]["value"] == ADMIN_USER
    assert k8s.secrets_read(container) == {"gts-nats-admin"}
    admins = {
        r["metadata"]["name"]
        for r in resources
        if r["kind"] in {"Deployment", "Job"}
        for c in r["spec"]["template"]["spec"]["containers"]
        if "gts-nats-admin" in k8s.secrets_read(c)
    }
    assert admins == {"nats-provision"}


def test_render_reads_neither_the_identity_secret_nor_the_token_keys(
    rendered: tuple[str, list[Resource]], repo_root: Path
) -> None:
    _, resources = rendered
    keys = docs.secret_keys((repo_root / "docs" / "deploy.md").read_text())
    readable = {
        key for secret in k8s.secrets_read(_container(resources, "Deployment", "render"))
        for key in keys[secret]
    }  # fmt: skip
    assert readable & RENDER_MUST_NOT_READ == set()
    holders = {
        r["metadata"]["name"]
        for r in resources
        if r["kind"] in {"Deployment", "Job"}
        for c in r["spec"]["template"]["spec"]["containers"]
        if any("GTS_TOKEN_ENCRYPTION_KEYS" in keys[s] for s in k8s.secrets_read(c))
    }
    assert holders == {"auth", "auth-migrate"}


def test_the_nats_users_config_map_is_rendered(rendered: tuple[str, list[Resource]]) -> None:
    _, resources = rendered
    assert get_resource(resources, "ConfigMap", "nats-auth")["data"]["gts-auth.conf"] == (
        deployed_config()
    )


def test_a_service_reading_another_services_nats_password_is_caught(
    prod: list[Resource],
) -> None:
    render = copy.deepcopy(get_resource(prod, "Deployment", "render"))
    container = render["spec"]["template"]["spec"]["containers"][0]
    container["envFrom"].append({"secretRef": {"name": "gts-nats-auth"}})
    assert k8s.secrets_read(container) >= {"gts-nats-auth", "gts-nats-render"}
