"""docker-compose.yml: the Compose Specification schema plus the GTS stack's own rules."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from jsonschema.validators import validator_for

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schemas" / "compose-spec.json"
PUBLIC_SERVICES = frozenset({"gateway"})
# `$$` is a literal dollar; otherwise `${NAME...}` or `$NAME` is an interpolation.
_VARIABLE = re.compile(r"\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)([^}]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)")


def load(path: Path) -> dict[str, Any]:
    """The compose file as data (YAML anchors and `<<` merges resolved)."""
    data = yaml.safe_load(path.read_text())
    if not isinstance(data, dict):
        raise ValueError(f"{path}: the top level must be a mapping")
    return data


def schema_errors(data: dict[str, Any]) -> list[str]:
    """Where `data` breaks the Compose Specification JSON schema, one line per error."""
    schema = json.loads(SCHEMA_PATH.read_text())
    validator = validator_for(schema)(schema)
    return [
        f"{'.'.join(str(p) for p in error.absolute_path) or '<root>'}: {error.message}"
        for error in sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    ]


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for item in node:
            yield from _strings(item)


def variables(data: dict[str, Any]) -> dict[str, bool]:
    """Every interpolated variable, mapped to whether some use of it has a default value."""
    found: dict[str, bool] = {}
    for text in _strings(data):
        for match in _VARIABLE.finditer(text):
            if match.group(0) == "$$":
                continue
            name = match.group(1) or match.group(3)
            modifier = match.group(2) or ""
            has_default = modifier.startswith((":-", "-"))
            found[name] = found.get(name, False) or has_default
    return found


def _depends_on(service: dict[str, Any]) -> dict[str, dict[str, Any]]:
    raw = service.get("depends_on", {})
    if isinstance(raw, list):
        return {name: {"condition": "service_started"} for name in raw}
    return {name: (spec or {}) for name, spec in raw.items()}


def one_shots(data: dict[str, Any]) -> set[str]:
    """Services that others wait on to finish (`service_completed_successfully`)."""
    return {
        target
        for service in data.get("services", {}).values()
        for target, spec in _depends_on(service).items()
        if spec.get("condition") == "service_completed_successfully"
    }


def problems(data: dict[str, Any], documented: set[str], root: Path) -> list[str]:
    """The stack's rules that a schema cannot say; empty when all hold."""
    found: list[str] = []
    services: dict[str, dict[str, Any]] = data.get("services", {})
    finished = one_shots(data)
    for name, service in sorted(services.items()):
        for target, spec in _depends_on(service).items():
            if target not in services:
                found.append(f"services.{name}.depends_on: {target!r} is not a service")
                continue
            condition = spec.get("condition", "service_started")
            if condition == "service_healthy" and "healthcheck" not in services[target]:
                found.append(
                    f"services.{name}.depends_on.{target}: waits for health, "
                    f"but {target} has no healthcheck"
                )
        if service.get("ports") and name not in PUBLIC_SERVICES:
            found.append(f"services.{name}.ports: only {sorted(PUBLIC_SERVICES)} may publish ports")
        if name not in finished and "healthcheck" not in service:
            found.append(f"services.{name}: no healthcheck")
        if name in finished and service.get("restart", "no") != "no":
            found.append(f"services.{name}.restart: a one-shot job must not restart")
        build = service.get("build")
        if isinstance(build, dict):
            dockerfile = Path(build.get("context", ".")) / build.get("dockerfile", "Dockerfile")
            if not (root / dockerfile).is_file():
                found.append(f"services.{name}.build: {dockerfile} does not exist")
    for variable, has_default in sorted(variables(data).items()):
        if variable not in documented:
            kind = "has a default but" if has_default else "has no default and"
            found.append(f"variable {variable} {kind} is not documented in docs/deploy.md")
    return found
