"""The Kubernetes base and overlays, rendered: valid manifests and hardened, reachable pods."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from deploycheck import docs, k8s, kustomize, workspace

from gts_kit.local.nats_auth import ADMIN_USER, deployed_config

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


def _get(resources: list[Resource], kind: str, name: str) -> Resource:
    found = k8s.find(resources, kind, name)
    assert found is not None, f"{kind}/{name} is not rendered"
    return found


def test_every_manifest_matches_its_schema(rendered: tuple[str, list[Resource]]) -> None:
    _, resources = rendered
    assert [error for resource in resources for error in k8s.schema_errors(resource)] == []


def test_every_workload_is_hardened_probed_and_bounded(
    rendered: tuple[str, list[Resource]],
) -> None:
    _, resources = rendered
    workloads = [r for r in resources if r["kind"] in {"Deployment", "Job"}]
    assert len(workloads) == 9
    assert [p for w in workloads for p in k8s.workload_problems(w)] == []


def test_config_and_secrets_referenced_exist_or_are_documented(
    rendered: tuple[str, list[Resource]], documented_secrets: set[str]
) -> None:
    _, resources = rendered
    assert k8s.reference_problems(resources, documented_secrets) == []


def test_network_policies_let_only_the_intended_traffic_through(
    rendered: tuple[str, list[Resource]],
) -> None:
    overlay, resources = rendered
    postgres = POSTGRES_PODS if overlay == "overlays/prod" else None
    assert k8s.network_problems(resources, postgres) == []


def test_every_service_has_a_service_a_pdb_and_its_own_console_script(
    rendered: tuple[str, list[Resource]], repo_root: Path
) -> None:
    _, resources = rendered
    members = workspace.members(repo_root)
    for name in k8s.SERVICES:
        deployment = _get(resources, "Deployment", name)
        template_labels = deployment["spec"]["template"]["metadata"]["labels"]
        service = _get(resources, "Service", name)
        assert all(template_labels.get(k) == v for k, v in service["spec"]["selector"].items())
        pdb = _get(resources, "PodDisruptionBudget", name)
        assert pdb["spec"]["selector"]["matchLabels"].items() <= template_labels.items()
        (container,) = deployment["spec"]["template"]["spec"]["containers"]
        assert container["command"] == [f"gts-{name}", "serve"]
        assert container["command"][0] in members[f"gts-{name}"].scripts
        assert container["image"].split("/")[-1].split(":")[0] == f"gts-{name}"


def test_table_owners_have_a_migration_job(rendered: tuple[str, list[Resource]]) -> None:
    _, resources = rendered
    jobs = {r["metadata"]["name"]: r for r in resources if r["kind"] == "Job"}
    assert set(jobs) == {f"{s}-migrate" for s in k8s.TABLE_OWNERS} | {"nats-provision"}
    for service in k8s.TABLE_OWNERS:
        (container,) = jobs[f"{service}-migrate"]["spec"]["template"]["spec"]["containers"]
        assert container["command"] == [f"gts-{service}", "migrate"]


def test_gateway_scales_on_cpu_and_render_on_pending_jobs(
    rendered: tuple[str, list[Resource]],
) -> None:
    _, resources = rendered
    hpa = _get(resources, "HorizontalPodAutoscaler", "gateway")
    assert hpa["apiVersion"] == "autoscaling/v2"
    assert hpa["spec"]["scaleTargetRef"] == {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "name": "gateway",
    }
    scaled = _get(resources, "ScaledObject", "render")
    assert scaled["spec"]["scaleTargetRef"]["name"] == "render"
    (trigger,) = scaled["spec"]["triggers"]
    assert trigger["type"] == "nats-jetstream"
    assert (trigger["metadata"]["stream"], trigger["metadata"]["consumer"]) == (
        "SHOOTOUTS",
        "render-jobs",
    )
    # A worker renders one job per core, so the lag it is sized for is its CPU limit.
    render = _get(resources, "Deployment", "render")
    (container,) = render["spec"]["template"]["spec"]["containers"]
    assert trigger["metadata"]["lagThreshold"] == str(container["resources"]["limits"]["cpu"])
    namespace = render["metadata"].get("namespace", "gts")
    endpoint = trigger["metadata"]["natsServerMonitoringEndpoint"]
    assert endpoint == f"nats-headless.{namespace}.svc.cluster.local:8222"


def test_gateway_sees_clients_behind_the_ingress_but_trusts_no_one_else(
    prod: list[Resource],
) -> None:
    container = _get(prod, "Deployment", "gateway")["spec"]["template"]["spec"]["containers"][0]
    env = {e["name"]: e.get("value") for e in container.get("env", [])}
    trusted = env.get("FORWARDED_ALLOW_IPS")
    assert trusted, "behind the ingress every client would share one /auth rate limit"
    assert "*" not in trusted  # anyone could name any client


def test_health_and_metrics_are_on_the_internal_port_which_the_ingress_never_reaches(
    prod: list[Resource],
) -> None:
    ingress = _get(prod, "Ingress", "gateway")
    backends = [
        path["backend"]["service"]
        for rule in ingress["spec"]["rules"]
        for path in rule["http"]["paths"]
    ]
    assert backends
    assert all(b == {"name": "gateway", "port": {"name": "http"}} for b in backends)
    gateway = _get(prod, "Service", "gateway")
    assert [p["port"] for p in gateway["spec"]["ports"]] == [8000]
    config = _get(prod, "ConfigMap", "gts-config")["data"]
    assert config["GTS_INTERNAL_PORT"] == str(k8s.INTERNAL_PORT)
    for upstream in ("auth", "catalog", "shootouts", "render"):
        assert config[f"GTS_{upstream.upper()}_INTERNAL_URL"] == f"http://{upstream}:9000"
        service = _get(prod, "Service", upstream)
        assert {p["name"]: p["port"] for p in service["spec"]["ports"]} == {
            "http": 8000,
            "internal": 9000,
        }


def test_a_probe_on_the_public_port_is_caught(prod: list[Resource]) -> None:
    broken = copy.deepcopy(_get(prod, "Deployment", "auth"))
    container = broken["spec"]["template"]["spec"]["containers"][0]
    container["readinessProbe"]["httpGet"]["port"] = "http"
    assert (
        "Deployment/auth container auth: readinessProbe must use the internal port, not http"
        in (k8s.workload_problems(broken))
    )


def test_an_internal_port_open_to_outside_is_caught(prod: list[Resource]) -> None:
    broken = copy.deepcopy(prod)
    policy = _get(broken, "NetworkPolicy", "gateway-from-anywhere")
    policy["spec"]["ingress"][0]["ports"].append({"protocol": "TCP", "port": 9000})
    assert "outside traffic can reach gateway:9000" in k8s.network_problems(broken, POSTGRES_PODS)


def test_render_stops_slower_than_its_checkpoint_interval(
    rendered: tuple[str, list[Resource]],
) -> None:
    _, resources = rendered
    render = _get(resources, "Deployment", "render")
    assert render["spec"]["template"]["spec"]["terminationGracePeriodSeconds"] >= 60


def test_prod_uses_three_nats_replicas_and_dev_one(
    prod: list[Resource], dev: list[Resource]
) -> None:
    assert _get(prod, "ConfigMap", "gts-config")["data"]["GTS_NATS_REPLICAS"] == "3"
    assert _get(dev, "ConfigMap", "gts-config")["data"]["GTS_NATS_REPLICAS"] == "1"


def test_prod_runs_a_three_instance_postgres_cluster(prod: list[Resource]) -> None:
    cluster = _get(prod, "Cluster", "gts-db")
    assert cluster["spec"]["instances"] == 3
    assert cluster["metadata"]["namespace"] == "gts"


def test_overlays_put_everything_in_their_namespace(
    prod: list[Resource], dev: list[Resource]
) -> None:
    for resources, namespace in ((prod, "gts"), (dev, "gts-dev")):
        assert _get(resources, "Namespace", namespace)
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
    assert set(_get(prod, "ConfigMap", "gts-config")["data"]) - documented == set()


# ---- planted faults: each checker must catch what it exists to catch ----


def test_unknown_field_in_a_deployment_is_refused(prod: list[Resource]) -> None:
    deployment = copy.deepcopy(_get(prod, "Deployment", "auth"))
    deployment["spec"]["template"]["spec"]["containers"][0]["livenesProbe"] = {}
    assert any("livenesProbe" in error for error in k8s.schema_errors(deployment))


def test_wrong_type_in_a_service_is_refused(prod: list[Resource]) -> None:
    service = copy.deepcopy(_get(prod, "Service", "gateway"))
    service["spec"]["ports"][0]["port"] = "eight thousand"
    assert k8s.schema_errors(service)


def test_unknown_field_in_the_scaled_object_is_refused(prod: list[Resource]) -> None:
    scaled = copy.deepcopy(_get(prod, "ScaledObject", "render"))
    scaled["spec"]["triggers"][0]["metadata"]["lagTreshold"] = "4"
    assert any("lagTreshold" in error for error in k8s.schema_errors(scaled))


def test_unknown_field_in_the_postgres_cluster_is_refused(prod: list[Resource]) -> None:
    cluster = copy.deepcopy(_get(prod, "Cluster", "gts-db"))
    cluster["spec"]["replicas"] = 3
    assert any("replicas" in error for error in k8s.schema_errors(cluster))


def test_a_writable_root_file_system_is_caught(prod: list[Resource]) -> None:
    render = copy.deepcopy(_get(prod, "Deployment", "render"))
    del render["spec"]["template"]["spec"]["containers"][0]["securityContext"][
        "readOnlyRootFilesystem"
    ]
    assert any("readOnlyRootFilesystem" in p for p in k8s.workload_problems(render))


def test_a_short_grace_period_is_caught(prod: list[Resource]) -> None:
    render = copy.deepcopy(_get(prod, "Deployment", "render"))
    render["spec"]["template"]["spec"]["terminationGracePeriodSeconds"] = 5
    assert any("terminationGracePeriodSeconds 5" in p for p in k8s.workload_problems(render))


def test_an_undocumented_secret_is_caught(
    prod: list[Resource], documented_secrets: set[str]
) -> None:
    broken = copy.deepcopy(prod)
    gateway = _get(broken, "Deployment", "gateway")
    gateway["spec"]["template"]["spec"]["containers"][0]["envFrom"][1]["secretRef"]["name"] = (
        "gts-gateway-extra"
    )
    problems = k8s.reference_problems(broken, documented_secrets)
    assert any("gts-gateway-extra" in p for p in problems)


def test_an_open_service_port_is_caught(prod: list[Resource]) -> None:
    broken = [
        copy.deepcopy(r)
        for r in prod
        if not (
            r["kind"] == "NetworkPolicy" and r["metadata"]["name"] == "gts-default-deny-ingress"
        )
    ]
    services_policy = _get(broken, "NetworkPolicy", "services-from-gateway")
    del services_policy["spec"]["ingress"][0]["from"]
    problems = k8s.network_problems(broken, POSTGRES_PODS)
    assert "render can reach auth:8000 (only the gateway may)" in problems
    assert "outside traffic can reach auth:8000" in problems


def test_nats_open_to_everyone_is_caught(prod: list[Resource]) -> None:
    broken = copy.deepcopy(prod)
    nats_policy = _get(broken, "NetworkPolicy", "nats-from-services")
    nats_policy["spec"]["ingress"][0]["from"] = [{"ipBlock": {"cidr": "0.0.0.0/0"}}]
    assert "outside traffic can reach NATS on 4222" in k8s.network_problems(broken, POSTGRES_PODS)


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


# ---- the renderer's own semantics ----


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


# ---- least privilege: each workload its own NATS user, render without the identity secret ----

RENDER_MUST_NOT_READ = {"GTS_INTERNAL_SECRET", "GTS_TOKEN_ENCRYPTION_KEYS", "GTS_JWT_PRIVATE_KEYS"}


def _container(resources: list[Resource], kind: str, name: str) -> dict[str, Any]:
    container: dict[str, Any] = _get(resources, kind, name)["spec"]["template"]["spec"][
        "containers"
    ][0]
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
    assert _get(resources, "ConfigMap", "nats-auth")["data"]["gts-auth.conf"] == (deployed_config())


def test_a_service_reading_another_services_nats_password_is_caught(
    prod: list[Resource],
) -> None:
    render = copy.deepcopy(_get(prod, "Deployment", "render"))
    container = render["spec"]["template"]["spec"]["containers"][0]
    container["envFrom"].append({"secretRef": {"name": "gts-nats-auth"}})
    assert k8s.secrets_read(container) >= {"gts-nats-auth", "gts-nats-render"}
