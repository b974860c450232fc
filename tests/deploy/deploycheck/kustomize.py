"""A small kustomize: the features GTS's kustomizations use, rendered as kustomize would.

Supported: `resources` (files and directories), `patches` (strategic-merge patch files),
`namespace`, `labels` (with `includeTemplates`), `images`. Anything else is refused, so a
kustomization that needs more fails here instead of silently rendering something else.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

Resource = dict[str, Any]

KUSTOMIZATION_FIELDS = frozenset(
    {"apiVersion", "kind", "namespace", "resources", "patches", "labels", "images"}
)
LABEL_FIELDS = frozenset({"pairs", "includeTemplates", "includeSelectors"})
IMAGE_FIELDS = frozenset({"name", "newName", "newTag", "digest"})
PATCH_FIELDS = frozenset({"path"})
CLUSTER_SCOPED = frozenset(
    {
        "Namespace",
        "ClusterRole",
        "ClusterRoleBinding",
        "CustomResourceDefinition",
        "PersistentVolume",
        "StorageClass",
        "PriorityClass",
        "IngressClass",
    }
)
# Built-in API groups: strategic merge knows their list keys; custom resources replace lists.
BUILTIN_GROUPS = frozenset(
    {"", "apps", "batch", "policy", "autoscaling", "networking.k8s.io", "rbac.authorization.k8s.io"}
)
# Strategic-merge keys of the list fields GTS patches (from the Kubernetes API's patchMergeKey).
LIST_MERGE_KEYS = {
    "containers": "name",
    "initContainers": "name",
    "env": "name",
    "volumes": "name",
    "volumeMounts": "mountPath",
    "imagePullSecrets": "name",
}
WORKLOAD_TEMPLATES = {
    "Deployment": ("spec", "template"),
    "StatefulSet": ("spec", "template"),
    "DaemonSet": ("spec", "template"),
    "ReplicaSet": ("spec", "template"),
    "Job": ("spec", "template"),
    "CronJob": ("spec", "jobTemplate", "spec", "template"),
}


class KustomizeError(ValueError):
    """A kustomization this renderer (and so the deployment) cannot build."""


def _group(resource: Resource) -> str:
    api_version = str(resource.get("apiVersion", ""))
    return api_version.split("/")[0] if "/" in api_version else ""


def resource_id(resource: Resource) -> tuple[str, str, str, str]:
    """What kustomize identifies a resource by: group, kind, namespace, name."""
    metadata = resource.get("metadata", {})
    return (
        _group(resource),
        str(resource.get("kind")),
        str(metadata.get("namespace", "")),
        str(metadata.get("name")),
    )


def _load_documents(path: Path) -> list[Resource]:
    documents = [doc for doc in yaml.safe_load_all(path.read_text()) if doc is not None]
    for doc in documents:
        if not isinstance(doc, dict) or "kind" not in doc or "metadata" not in doc:
            raise KustomizeError(f"{path}: every document needs `kind` and `metadata`")
    return documents


def _merge_list(base: list[Any], patch: list[Any], field: str, builtin: bool) -> list[Any]:
    key = LIST_MERGE_KEYS.get(field)
    if field == "ports" and all(isinstance(item, dict) for item in [*base, *patch]):
        key = "containerPort" if all("containerPort" in i for i in [*base, *patch]) else "port"
    if (
        not builtin
        or key is None
        or not all(isinstance(item, dict) and key in item for item in [*base, *patch])
    ):
        return copy.deepcopy(patch)
    merged = [copy.deepcopy(item) for item in base]
    for item in patch:
        for index, existing in enumerate(merged):
            if existing[key] == item[key]:
                merged[index] = strategic_merge(existing, item, builtin)
                break
        else:
            merged.append(copy.deepcopy(item))
    return merged


def strategic_merge(base: Resource, patch: Resource, builtin: bool = True) -> Resource:
    """`patch` merged into a copy of `base`: maps recurse, null deletes, keyed lists merge."""
    merged = copy.deepcopy(base)
    for key, value in patch.items():
        if str(key).startswith("$"):
            raise KustomizeError(f"patch directive {key!r} is not supported")
        if value is None:
            merged.pop(key, None)
        elif isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = strategic_merge(merged[key], value, builtin)
        elif isinstance(value, list) and isinstance(merged.get(key), list):
            merged[key] = _merge_list(merged[key], value, key, builtin)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def _apply_patch(resources: list[Resource], patch: Resource, source: Path) -> None:
    group, kind, namespace, name = resource_id(patch)
    matches = [
        i
        for i, r in enumerate(resources)
        if resource_id(r)[:2] == (group, kind)
        and resource_id(r)[3] == name
        and (not namespace or resource_id(r)[2] == namespace)
    ]
    if len(matches) != 1:
        found = "no resource" if not matches else f"{len(matches)} resources"
        raise KustomizeError(f"{source}: patch for {kind}/{name} matches {found}")
    target = resources[matches[0]]
    resources[matches[0]] = strategic_merge(target, patch, _group(target) in BUILTIN_GROUPS)


def _pod_specs(resource: Resource) -> list[dict[str, Any]]:
    path = WORKLOAD_TEMPLATES.get(str(resource.get("kind")))
    node: Any = resource
    for step in path or ():
        node = node.get(step, {}) if isinstance(node, dict) else {}
    return [node] if path and isinstance(node, dict) else []


def _set_labels(resources: list[Resource], entry: dict[str, Any], source: Path) -> None:
    unknown = set(entry) - LABEL_FIELDS
    if unknown:
        raise KustomizeError(f"{source}: labels fields {sorted(unknown)} are not supported")
    if entry.get("includeSelectors"):
        raise KustomizeError(f"{source}: labels.includeSelectors is not supported")
    pairs = {str(k): str(v) for k, v in entry.get("pairs", {}).items()}
    for resource in resources:
        resource.setdefault("metadata", {}).setdefault("labels", {}).update(pairs)
        if entry.get("includeTemplates"):
            for template in _pod_specs(resource):
                template.setdefault("metadata", {}).setdefault("labels", {}).update(pairs)


def _split_image(image: str) -> tuple[str, str]:
    """(name, tag-or-digest suffix) of an image reference; the registry port is not a tag."""
    if "@" in image:
        name, _, digest = image.partition("@")
        return name, "@" + digest
    slash = image.rfind("/")
    colon = image.rfind(":")
    if colon > slash:
        return image[:colon], image[colon:]
    return image, ""


def _set_images(resources: list[Resource], entries: list[dict[str, Any]], source: Path) -> None:
    for entry in entries:
        unknown = set(entry) - IMAGE_FIELDS
        if unknown or "name" not in entry:
            raise KustomizeError(f"{source}: images entry {entry!r} is not supported")
    for resource in resources:
        for template in _pod_specs(resource):
            spec = template.get("spec", {})
            for container in [*spec.get("containers", []), *spec.get("initContainers", [])]:
                name, suffix = _split_image(str(container.get("image", "")))
                for entry in entries:
                    if entry["name"] != name:
                        continue
                    new_name = entry.get("newName", name)
                    if "digest" in entry:
                        suffix = "@" + str(entry["digest"])
                    elif "newTag" in entry:
                        suffix = ":" + str(entry["newTag"])
                    container["image"] = new_name + suffix


def render(directory: Path) -> list[Resource]:
    """The resources `kustomize build directory` would print, in order."""
    path = directory / "kustomization.yaml"
    if not path.is_file():
        raise KustomizeError(f"{directory}: no kustomization.yaml")
    kustomization = yaml.safe_load(path.read_text()) or {}
    unknown = set(kustomization) - KUSTOMIZATION_FIELDS
    if unknown:
        raise KustomizeError(f"{path}: fields {sorted(unknown)} are not supported")
    if kustomization.get("kind", "Kustomization") != "Kustomization":
        raise KustomizeError(f"{path}: kind must be Kustomization")

    resources: list[Resource] = []
    for entry in kustomization.get("resources", []):
        target = (directory / entry).resolve()
        if target.is_dir():
            resources.extend(render(target))
        elif target.is_file():
            resources.extend(_load_documents(target))
        else:
            raise KustomizeError(f"{path}: resource {entry!r} does not exist")

    for patch_entry in kustomization.get("patches", []):
        unknown = set(patch_entry) - PATCH_FIELDS
        if unknown or "path" not in patch_entry:
            raise KustomizeError(f"{path}: patch entry {patch_entry!r} is not supported")
        patch_path = directory / patch_entry["path"]
        if not patch_path.is_file():
            raise KustomizeError(f"{path}: patch {patch_entry['path']!r} does not exist")
        for patch in _load_documents(patch_path):
            _apply_patch(resources, patch, patch_path)

    namespace = kustomization.get("namespace")
    if namespace:
        for resource in resources:
            if resource["kind"] not in CLUSTER_SCOPED:
                resource["metadata"]["namespace"] = namespace

    for label_entry in kustomization.get("labels", []):
        _set_labels(resources, label_entry, path)
    _set_images(resources, kustomization.get("images", []), path)

    seen: set[tuple[str, str, str, str]] = set()
    for resource in resources:
        rid = resource_id(resource)
        if rid in seen:
            raise KustomizeError(f"{path}: {rid[1]}/{rid[3]} is defined twice")
        seen.add(rid)
    return resources
