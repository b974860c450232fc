"""The Kubernetes base and overlays, rendered: valid manifests and hardened, reachable,
scalable pods."""

from __future__ import annotations

from pathlib import Path

from deploycheck import k8s, workspace

from .conftest import POSTGRES_PODS, Resource, get_resource


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
        deployment = get_resource(resources, "Deployment", name)
        template_labels = deployment["spec"]["template"]["metadata"]["labels"]
        service = get_resource(resources, "Service", name)
        assert all(template_labels.get(k) == v for k, v in service["spec"]["selector"].items())
        pdb = get_resource(resources, "PodDisruptionBudget", name)
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
    hpa = get_resource(resources, "HorizontalPodAutoscaler", "gateway")
    assert hpa["apiVersion"] == "autoscaling/v2"
    assert hpa["spec"]["scaleTargetRef"] == {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "name": "gateway",
    }
    scaled = get_resource(resources, "ScaledObject", "render")
    assert scaled["spec"]["scaleTargetRef"]["name"] == "render"
    (trigger,) = scaled["spec"]["triggers"]
    assert trigger["type"] == "nats-jetstream"
    assert (trigger["metadata"]["stream"], trigger["metadata"]["consumer"]) == (
        "SHOOTOUTS",
        "render-jobs",
    )
    # A worker renders one job per core, so the lag it is sized for is its CPU limit.
    render = get_resource(resources, "Deployment", "render")
    (container,) = render["spec"]["template"]["spec"]["containers"]
    assert trigger["metadata"]["lagThreshold"] == str(container["resources"]["limits"]["cpu"])
    namespace = render["metadata"].get("namespace", "gts")
    endpoint = trigger["metadata"]["natsServerMonitoringEndpoint"]
    assert endpoint == f"nats-headless.{namespace}.svc.cluster.local:8222"


def test_render_stops_slower_than_its_checkpoint_interval(
    rendered: tuple[str, list[Resource]],
) -> None:
    _, resources = rendered
    render = get_resource(resources, "Deployment", "render")
    assert render["spec"]["template"]["spec"]["terminationGracePeriodSeconds"] >= 60
