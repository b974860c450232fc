"""Rendered Kubernetes manifests: schema validation and the rules every GTS workload follows."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import kubernetes_validate
from jsonschema.validators import validator_for

Resource = dict[str, Any]

KUBERNETES_VERSION = "1.33"
SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"
# Custom resources have no schema in kubernetes-validate: each gets a hand-written one.
CUSTOM_SCHEMAS = {
    ("keda.sh/v1alpha1", "ScaledObject"): SCHEMAS / "keda-scaledobject.schema.json",
    ("postgresql.cnpg.io/v1", "Cluster"): SCHEMAS / "cnpg-cluster.schema.json",
}
RENDER_CHECKPOINT_INTERVAL_S = 10
TABLE_OWNERS = ("auth", "catalog", "shootouts")
SERVICES = ("auth", "catalog", "shootouts", "render", "gateway")
# Creates the streams and buckets as the NATS admin before the services start.
PROVISION_JOB = "nats-provision"
# GTS_INTERNAL_PORT: health and metrics answer there, never on the ingress's port 8000.
INTERNAL_PORT = 9000


def _name(resource: Resource) -> str:
    return f"{resource.get('kind')}/{resource.get('metadata', {}).get('name')}"


def schema_errors(resource: Resource) -> list[str]:
    """Where `resource` breaks its schema (unknown fields refused); empty when valid."""
    key = (str(resource.get("apiVersion")), str(resource.get("kind")))
    if key in CUSTOM_SCHEMAS:
        schema = json.loads(CUSTOM_SCHEMAS[key].read_text())
        validator = validator_for(schema)(schema)
        return [
            f"{_name(resource)}: {'.'.join(str(p) for p in e.absolute_path)}: {e.message}"
            for e in validator.iter_errors(resource)
        ]
    try:
        kubernetes_validate.validate(resource, KUBERNETES_VERSION, strict=True)
    except kubernetes_validate.ValidationError as error:
        where = ".".join(str(p) for p in error.path)
        return [f"{_name(resource)}: {where}: {error.message}"]
    except kubernetes_validate.SchemaNotFoundError as error:
        return [f"{_name(resource)}: {error.message}"]
    return []


def find(resources: list[Resource], kind: str, name: str) -> Resource | None:
    """The resource of that kind and name, or None."""
    for resource in resources:
        if resource.get("kind") == kind and resource["metadata"].get("name") == name:
            return resource
    return None


def _pod_template(resource: Resource) -> dict[str, Any]:
    template: dict[str, Any] = resource["spec"]["template"]
    return template


def _containers(resource: Resource) -> Iterator[dict[str, Any]]:
    yield from _pod_template(resource)["spec"].get("containers", [])


def workload_problems(resource: Resource) -> list[str]:
    """A Deployment's or Job's pod hardening, resources and probes; empty when all hold."""
    found: list[str] = []
    name = _name(resource)
    spec = _pod_template(resource)["spec"]
    pod_security = spec.get("securityContext", {})
    if pod_security.get("runAsNonRoot") is not True:
        found.append(f"{name}: pod securityContext.runAsNonRoot must be true")
    if pod_security.get("seccompProfile", {}).get("type") != "RuntimeDefault":
        found.append(f"{name}: pod seccompProfile must be RuntimeDefault")
    if resource["kind"] == "Deployment":
        grace = spec.get("terminationGracePeriodSeconds", 30)
        if grace <= RENDER_CHECKPOINT_INTERVAL_S:
            found.append(
                f"{name}: terminationGracePeriodSeconds {grace} must exceed the "
                f"{RENDER_CHECKPOINT_INTERVAL_S} s render checkpoint interval"
            )
    volumes = {v["name"]: v for v in spec.get("volumes", [])}
    for container in _containers(resource):
        where = f"{name} container {container['name']}"
        security = container.get("securityContext", {})
        if security.get("allowPrivilegeEscalation") is not False:
            found.append(f"{where}: allowPrivilegeEscalation must be false")
        if security.get("capabilities", {}).get("drop") != ["ALL"]:
            found.append(f"{where}: capabilities must drop ALL")
        if security.get("readOnlyRootFilesystem") is True:
            mounts = {m["mountPath"]: m["name"] for m in container.get("volumeMounts", [])}
            if "emptyDir" not in volumes.get(mounts.get("/tmp", ""), {}):
                found.append(f"{where}: a read-only root needs an emptyDir on /tmp")
        else:
            found.append(f"{where}: readOnlyRootFilesystem must be true")
        resources = container.get("resources", {})
        found.extend(
            f"{where}: resources.{bound}.{quantity} is missing"
            for bound in ("requests", "limits")
            for quantity in ("cpu", "memory")
            if quantity not in resources.get(bound, {})
        )
        if resource["kind"] == "Deployment":
            for probe, path in (
                ("readinessProbe", "/health/ready"),
                ("livenessProbe", "/health/live"),
            ):
                actual = container.get(probe, {}).get("httpGet", {}).get("path")
                if actual != path:
                    found.append(f"{where}: {probe} must GET {path}, not {actual}")
            ports = {p.get("name"): p.get("containerPort") for p in container.get("ports", [])}
            if ports.get("internal") != INTERNAL_PORT:
                found.append(f"{where}: needs the container port internal: {INTERNAL_PORT}")
            for probe in ("readinessProbe", "livenessProbe", "startupProbe"):
                port = container.get(probe, {}).get("httpGet", {}).get("port")
                if port != "internal":
                    found.append(f"{where}: {probe} must use the internal port, not {port}")
    return found


def secrets_read(container: dict[str, Any]) -> set[str]:
    """The Secrets a container reads, whole (`envFrom`) or one key (`secretKeyRef`)."""
    names = {s["secretRef"]["name"] for s in container.get("envFrom", []) if "secretRef" in s}
    for variable in container.get("env", []):
        ref = variable.get("valueFrom", {}).get("secretKeyRef")
        if ref:
            names.add(ref["name"])
    return names


def reference_problems(resources: list[Resource], external_secrets: set[str]) -> list[str]:
    """ConfigMaps must be rendered; Secrets rendered or documented as made outside git."""
    found: list[str] = []
    config_maps = {r["metadata"]["name"] for r in resources if r["kind"] == "ConfigMap"}
    secrets = {r["metadata"]["name"] for r in resources if r["kind"] == "Secret"} | external_secrets
    for resource in resources:
        if resource["kind"] not in {"Deployment", "Job"}:
            continue
        for container in _containers(resource):
            found.extend(
                f"{_name(resource)}: ConfigMap {source['configMapRef']['name']} is missing"
                for source in container.get("envFrom", [])
                if "configMapRef" in source and source["configMapRef"]["name"] not in config_maps
            )
            found.extend(
                f"{_name(resource)}: Secret {name} is neither rendered nor documented "
                "in docs/deploy.md"
                for name in sorted(secrets_read(container) - secrets)
            )
    for resource in resources:
        if resource["kind"] == "Cluster":
            for role in resource["spec"].get("managed", {}).get("roles", []):
                secret = role.get("passwordSecret", {}).get("name")
                if secret and secret not in secrets:
                    found.append(f"{_name(resource)}: role secret {secret} is not documented")
    return found


def _selects(selector: dict[str, Any], labels: dict[str, str]) -> bool:
    """Whether a Kubernetes label selector matches `labels` (an empty selector matches all)."""
    for key, value in selector.get("matchLabels", {}).items():
        if labels.get(key) != value:
            return False
    for expression in selector.get("matchExpressions", []):
        key, operator = expression["key"], expression["operator"]
        values = expression.get("values", [])
        if (
            (operator == "In" and labels.get(key) not in values)
            or (operator == "NotIn" and labels.get(key) in values)
            or (operator == "Exists" and key not in labels)
            or (operator == "DoesNotExist" and key in labels)
        ):
            return False
    return True


def ingress_allowed(
    policies: list[Resource],
    source: dict[str, str] | None,
    source_namespace_labels: dict[str, str],
    target: dict[str, str],
    port: int,
) -> bool:
    """Whether NetworkPolicies let a pod (`source` labels; None outside the cluster's pods)
    reach a pod labelled `target` in the policies' namespace on TCP `port`."""
    same_namespace = source is not None and not source_namespace_labels
    selecting = [
        p
        for p in policies
        if _selects(p["spec"]["podSelector"], target)
        and "Ingress" in p["spec"].get("policyTypes", ["Ingress"])
    ]
    if not selecting:
        return True  # A pod no policy selects accepts everything.
    for policy in selecting:
        for rule in policy["spec"].get("ingress", []):
            ports = rule.get("ports", [])
            if ports and not any(p.get("port") == port for p in ports):
                continue
            peers = rule.get("from", [])
            if not peers:
                return True
            for peer in peers:
                if "ipBlock" in peer:
                    if source is None:
                        return True
                    continue
                if source is None:
                    continue
                pod_ok = _selects(peer.get("podSelector", {}), source)
                if "namespaceSelector" in peer:
                    if _selects(peer["namespaceSelector"], source_namespace_labels) and pod_ok:
                        return True
                elif same_namespace and "podSelector" in peer and pod_ok:
                    return True
    return False


def pod_labels(resources: list[Resource], name: str) -> dict[str, str]:
    """The pod labels of the Deployment or Job called `name`."""
    for resource in resources:
        if resource["kind"] in {"Deployment", "Job"} and resource["metadata"]["name"] == name:
            labels: dict[str, str] = _pod_template(resource)["metadata"]["labels"]
            return labels
    raise KeyError(name)


def network_problems(resources: list[Resource], postgres: dict[str, str] | None) -> list[str]:
    """Who reaches whom, from the NetworkPolicies: the gateway is the only way in, only the
    gateway reaches the other services, only GTS pods reach NATS (and PostgreSQL)."""
    found: list[str] = []
    policies = [r for r in resources if r["kind"] == "NetworkPolicy"]
    stranger: dict[str, str] = {"app": "something-else"}
    nats = {"app.kubernetes.io/name": "nats"}
    gts_pods = {name: pod_labels(resources, name) for name in SERVICES}
    gts_pods.update({f"{s}-migrate": pod_labels(resources, f"{s}-migrate") for s in TABLE_OWNERS})
    gts_pods[PROVISION_JOB] = pod_labels(resources, PROVISION_JOB)
    other_ns = {"kubernetes.io/metadata.name": "elsewhere"}

    if not ingress_allowed(policies, None, {}, gts_pods["gateway"], 8000):
        found.append("the gateway cannot be reached from outside on 8000")
    for target in ("auth", "catalog", "shootouts", "render"):
        if not ingress_allowed(policies, gts_pods["gateway"], {}, gts_pods[target], 8000):
            found.append(f"the gateway cannot reach {target}:8000")
        for source_name, source in gts_pods.items():
            if source_name != "gateway" and ingress_allowed(
                policies, source, {}, gts_pods[target], 8000
            ):
                found.append(f"{source_name} can reach {target}:8000 (only the gateway may)")
        for label, source, ns in (
            ("a stranger pod", stranger, {}),
            ("another namespace", {}, other_ns),
        ):
            if ingress_allowed(policies, source, ns, gts_pods[target], 8000):
                found.append(f"{label} can reach {target}:8000")
        if ingress_allowed(policies, None, {}, gts_pods[target], 8000):
            found.append(f"outside traffic can reach {target}:8000")

    monitoring = {"kubernetes.io/metadata.name": "monitoring"}
    for target in SERVICES:
        where = f"{target}:{INTERNAL_PORT}"
        if target != "gateway" and not ingress_allowed(
            policies, gts_pods["gateway"], {}, gts_pods[target], INTERNAL_PORT
        ):
            found.append(f"the gateway cannot reach {where}")
        if not ingress_allowed(policies, {}, monitoring, gts_pods[target], INTERNAL_PORT):
            found.append(f"Prometheus cannot reach {where}")
        if ingress_allowed(policies, None, {}, gts_pods[target], INTERNAL_PORT):
            found.append(f"outside traffic can reach {where}")
        if ingress_allowed(policies, stranger, {}, gts_pods[target], INTERNAL_PORT):
            found.append(f"a stranger pod can reach {where}")

    databases: list[tuple[str, dict[str, str], int]] = [("NATS", nats, 4222)]
    if postgres:
        databases.append(("PostgreSQL", postgres, 5432))
    for label, pods, port in databases:
        for source_name in (*SERVICES, *(f"{s}-migrate" for s in TABLE_OWNERS), PROVISION_JOB):
            if label == "NATS" and source_name.endswith("-migrate"):
                continue
            if label == "PostgreSQL" and source_name == PROVISION_JOB:
                continue
            if not ingress_allowed(policies, gts_pods[source_name], {}, pods, port):
                found.append(f"{source_name} cannot reach {label} on {port}")
        if ingress_allowed(policies, stranger, {}, pods, port):
            found.append(f"a pod outside GTS can reach {label} on {port}")
        if ingress_allowed(policies, None, {}, pods, port):
            found.append(f"outside traffic can reach {label} on {port}")
        if ingress_allowed(policies, {}, other_ns, pods, port):
            found.append(f"another namespace can reach {label} on {port}")
    return found
