"""The prod and dev overlays: ingress and internal ports, replicas, namespaces, images and
documented settings."""

from __future__ import annotations

from pathlib import Path

from deploycheck import docs, k8s

from .conftest import Resource, get_resource


def test_gateway_sees_clients_behind_the_ingress_but_trusts_no_one_else(
    prod: list[Resource],
) -> None:
    gateway = get_resource(prod, "Deployment", "gateway")
    container = gateway["spec"]["template"]["spec"]["containers"][0]
    env = {e["name"]: e.get("value") for e in container.get("env", [])}
    trusted = env.get("FORWARDED_ALLOW_IPS")
    assert trusted, "behind the ingress every client would share one /auth rate limit"
    assert "*" not in trusted  # anyone could name any client


def test_health_and_metrics_are_on_the_internal_port_which_the_ingress_never_reaches(
    prod: list[Resource],
) -> None:
    ingress = get_resource(prod, "Ingress", "gateway")
    backends = [
        path["backend"]["service"]
        for rule in ingress["spec"]["rules"]
        for path in rule["http"]["paths"]
    ]
    assert backends
    assert all(b == {"name": "gateway", "port": {"name": "http"}} for b in backends)
    gateway = get_resource(prod, "Service", "gateway")
    assert [p["port"] for p in gateway["spec"]["ports"]] == [8000]
    config = get_resource(prod, "ConfigMap", "gts-config")["data"]
    assert config["GTS_INTERNAL_PORT"] == str(k8s.INTERNAL_PORT)
    for upstream in ("auth", "catalog", "shootouts", "render"):
        assert config[f"GTS_{upstream.upper()}_INTERNAL_URL"] == f"http://{upstream}:9000"
        service = get_resource(prod, "Service", upstream)
        assert {p["name"]: p["port"] for p in service["spec"]["ports"]} == {
            "http": 8000,
            "internal": 9000,
        }


def test_prod_uses_three_nats_replicas_and_dev_one(
    prod: list[Resource], dev: list[Resource]
) -> None:
    assert get_resource(prod, "ConfigMap", "gts-config")["data"]["GTS_NATS_REPLICAS"] == "3"
    assert get_resource(dev, "ConfigMap", "gts-config")["data"]["GTS_NATS_REPLICAS"] == "1"


def test_prod_runs_a_three_instance_postgres_cluster(prod: list[Resource]) -> None:
    cluster = get_resource(prod, "Cluster", "gts-db")
    assert cluster["spec"]["instances"] == 3
    assert cluster["metadata"]["namespace"] == "gts"


def test_overlays_put_everything_in_their_namespace(
    prod: list[Resource], dev: list[Resource]
) -> None:
    for resources, namespace in ((prod, "gts"), (dev, "gts-dev")):
        assert get_resource(resources, "Namespace", namespace)
        namespaced = [r for r in resources if r["kind"] != "Namespace"]
        assert {r["metadata"]["namespace"] for r in namespaced} == {namespace}


def test_prod_images_come_from_the_registry_with_a_release_tag(prod: list[Resource]) -> None:
    images = {
        c["image"]
        for r in prod
        if r["kind"] in {"Deployment", "Job"}
        for c in r["spec"]["template"]["spec"]["containers"]
    }
    assert images == {f"registry.example.com/gts/gts-{s}:0.1.0" for s in k8s.SERVICES}


def test_every_gts_setting_in_the_config_map_is_documented(
    prod: list[Resource], repo_root: Path
) -> None:
    documented = docs.documented_variables((repo_root / "docs" / "deploy.md").read_text())
    assert set(get_resource(prod, "ConfigMap", "gts-config")["data"]) - documented == set()
