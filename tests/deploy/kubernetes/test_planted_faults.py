"""Planted faults: each manifest checker must catch what it exists to catch."""

from __future__ import annotations

import copy

from deploycheck import k8s

from .conftest import POSTGRES_PODS, Resource, get_resource


def test_a_probe_on_the_public_port_is_caught(prod: list[Resource]) -> None:
    broken = copy.deepcopy(get_resource(prod, "Deployment", "auth"))
    container = broken["spec"]["template"]["spec"]["containers"][0]
    container["readinessProbe"]["httpGet"]["port"] = "http"
    assert (
        "Deployment/auth container auth: readinessProbe must use the internal port, not http"
        in (k8s.workload_problems(broken))
    )


def test_an_internal_port_open_to_outside_is_caught(prod: list[Resource]) -> None:
    broken = copy.deepcopy(prod)
    policy = get_resource(broken, "NetworkPolicy", "gateway-from-anywhere")
    policy["spec"]["ingress"][0]["ports"].append({"protocol": "TCP", "port": 9000})
    assert "outside traffic can reach gateway:9000" in k8s.network_problems(broken, POSTGRES_PODS)


def test_unknown_field_in_a_deployment_is_refused(prod: list[Resource]) -> None:
    deployment = copy.deepcopy(get_resource(prod, "Deployment", "auth"))
    deployment["spec"]["template"]["spec"]["containers"][0]["livenesProbe"] = {}
    assert any("livenesProbe" in error for error in k8s.schema_errors(deployment))


def test_wrong_type_in_a_service_is_refused(prod: list[Resource]) -> None:
    service = copy.deepcopy(get_resource(prod, "Service", "gateway"))
    service["spec"]["ports"][0]["port"] = "eight thousand"
    assert k8s.schema_errors(service)


def test_unknown_field_in_the_scaled_object_is_refused(prod: list[Resource]) -> None:
    scaled = copy.deepcopy(get_resource(prod, "ScaledObject", "render"))
    scaled["spec"]["triggers"][0]["metadata"]["lagTreshold"] = "4"
    assert any("lagTreshold" in error for error in k8s.schema_errors(scaled))


def test_unknown_field_in_the_postgres_cluster_is_refused(prod: list[Resource]) -> None:
    cluster = copy.deepcopy(get_resource(prod, "Cluster", "gts-db"))
    cluster["spec"]["replicas"] = 3
    assert any("replicas" in error for error in k8s.schema_errors(cluster))


def test_a_writable_root_file_system_is_caught(prod: list[Resource]) -> None:
    render = copy.deepcopy(get_resource(prod, "Deployment", "render"))
    del render["spec"]["template"]["spec"]["containers"][0]["securityContext"][
        "readOnlyRootFilesystem"
    ]
    assert any("readOnlyRootFilesystem" in p for p in k8s.workload_problems(render))


def test_a_short_grace_period_is_caught(prod: list[Resource]) -> None:
    render = copy.deepcopy(get_resource(prod, "Deployment", "render"))
    render["spec"]["template"]["spec"]["terminationGracePeriodSeconds"] = 5
    assert any("terminationGracePeriodSeconds 5" in p for p in k8s.workload_problems(render))


def test_an_undocumented_secret_is_caught(
    prod: list[Resource], documented_secrets: set[str]
) -> None:
    broken = copy.deepcopy(prod)
    gateway = get_resource(broken, "Deployment", "gateway")
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
    services_policy = get_resource(broken, "NetworkPolicy", "services-from-gateway")
    del services_policy["spec"]["ingress"][0]["from"]
    problems = k8s.network_problems(broken, POSTGRES_PODS)
    assert "render can reach auth:8000 (only the gateway may)" in problems
    assert "outside traffic can reach auth:8000" in problems


def test_nats_open_to_everyone_is_caught(prod: list[Resource]) -> None:
    broken = copy.deepcopy(prod)
    nats_policy = get_resource(broken, "NetworkPolicy", "nats-from-services")
    nats_policy["spec"]["ingress"][0]["from"] = [{"ipBlock": {"cidr": "0.0.0.0/0"}}]
    assert "outside traffic can reach NATS on 4222" in k8s.network_problems(broken, POSTGRES_PODS)
