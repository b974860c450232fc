"""The web app's API types follow the gateway: `web/openapi.json` is the document the running
gateway serves, and openapi-typescript makes `web/src/api/schema.d.ts` of it before every dev
server, build and typecheck (the types are generated, not kept in git)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from gts_cli.stack.stack import Stack

pytestmark = pytest.mark.e2e

WEB = Path(__file__).resolve().parents[2] / "web"
OPENAPI = WEB / "openapi.json"
VENV_BIN = Path(sys.executable).parent
REGENERATE = (
    "regenerate it with a stack up (`make run`, or GTS_URL=... for another): `make web-api`, "
    "then commit web/openapi.json"
)


def canonical(document: dict[str, Any]) -> str:
    """The committed layout: two-space indents, sorted keys, a final newline."""
    return json.dumps(document, indent=2, sort_keys=True) + "\n"


def drift(live: dict[str, Any], committed: dict[str, Any]) -> list[str]:
    """Each path, schema and other part that differs between the two documents, and how."""
    found: list[str] = []

    def compare(kind: str, now: dict[str, Any], then: dict[str, Any]) -> None:
        for name in sorted(set(now) | set(then)):
            if name not in then:
                found.append(f"{kind} {name}: new in the gateway")
            elif name not in now:
                found.append(f"{kind} {name}: gone from the gateway")
            elif now[name] != then[name]:
                found.append(f"{kind} {name}: changed")

    compare("path", live.get("paths", {}), committed.get("paths", {}))
    live_parts, committed_parts = live.get("components", {}), committed.get("components", {})
    compare("schema", live_parts.get("schemas", {}), committed_parts.get("schemas", {}))
    rest = {k: v for k, v in live_parts.items() if k != "schemas"}
    compare("components:", rest, {k: v for k, v in committed_parts.items() if k != "schemas"})
    compare(
        "top-level",
        {k: v for k, v in live.items() if k not in {"paths", "components"}},
        {k: v for k, v in committed.items() if k not in {"paths", "components"}},
    )
    return found


def test_drift_names_each_path_and_schema_that_differs() -> None:
    committed = {
        "openapi": "3.1.0",
        "paths": {"/api/v1/gear": {"get": {}}, "/api/v1/old": {"get": {}}},
        "components": {"schemas": {"Gear": {"type": "object"}}},
    }
    live = {
        "openapi": "3.1.0",
        "paths": {"/api/v1/gear": {"get": {"tags": ["catalog"]}}, "/api/v1/new": {"get": {}}},
        "components": {"schemas": {"Gear": {"type": "object"}, "Chain": {"type": "object"}}},
    }
    assert drift(live, committed) == [
        "path /api/v1/gear: changed",
        "path /api/v1/new: new in the gateway",
        "path /api/v1/old: gone from the gateway",
        "schema Chain: new in the gateway",
    ]
    assert drift(committed, committed) == []


def test_the_committed_openapi_document_is_what_the_gateway_serves(stack: Stack) -> None:
    answer = httpx.get(stack.gateway_url + "/openapi.json", timeout=30)
    assert answer.status_code == 200
    text = OPENAPI.read_text()
    problems = drift(answer.json(), json.loads(text))
    assert not problems, (
        "web/openapi.json differs from the gateway's /openapi.json:\n  "
        + "\n  ".join(problems)
        + f"\n{REGENERATE}"
    )
    assert text == canonical(json.loads(text)), (
        f"web/openapi.json is not laid out as written; {REGENERATE}"
    )


def test_the_api_types_are_generated_from_the_committed_document(tmp_path: Path) -> None:
    if not (WEB / "node_modules" / "openapi-typescript").is_dir():
        pytest.skip("web/node_modules is missing (`make web` installs it): cannot generate types")
    generated = tmp_path / "schema.d.ts"
    result = subprocess.run(
        [VENV_BIN / "npx", "--no-install", "openapi-typescript", "openapi.json", "-o", generated],
        cwd=WEB,
        env={**os.environ, "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}"},
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr or result.stdout
    types = generated.read_text()
    document = json.loads(OPENAPI.read_text())
    missing = [path for path in document["paths"] if f'"{path}": {{' not in types]
    assert not missing, f"paths without types: {missing}"
    schemas = document["components"]["schemas"]
    # a schema's name is a key of `components.schemas`, quoted when it is not an identifier
    untyped = [n for n in schemas if f"{n}: {{" not in types and f'"{n}": {{' not in types]
    assert not untyped, f"schemas without types: {untyped}"
