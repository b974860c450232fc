"""One OpenAPI document for the whole public API, merged from the services' own documents."""

from __future__ import annotations

import asyncio
import copy
import json
import time
from typing import Any

import aiohttp
from litestar import get
from litestar.datastructures import State

from gateway.edge import Edge
from gateway.proxy.routes import (
    is_anonymous_listening,
    is_open_path,
    is_read_without_token,
    upstream_for,
)
from gateway.upstreams import UPSTREAM_ERRORS, get_json

CACHE_SECONDS = 10.0
FETCH_TIMEOUT_SECONDS = 3.0


class MergedOpenAPI:
    """Fetches each upstream's document, keeps only its public paths, and merges them."""

    def __init__(self, client: aiohttp.ClientSession, upstreams: dict[str, str]) -> None:
        self.client = client
        self.upstreams = upstreams
        self._cached: tuple[float, dict[str, Any]] | None = None
        self._lock = asyncio.Lock()

    async def document(self) -> dict[str, Any]:
        """The merged document, refreshed at most every CACHE_SECONDS."""
        async with self._lock:
            now = time.monotonic()
            if self._cached is None or now - self._cached[0] > CACHE_SECONDS:
                self._cached = (now, await self._build())
            return self._cached[1]

    async def _build(self) -> dict[str, Any]:
        names = list(self.upstreams)
        docs = await asyncio.gather(*(self._fetch(self.upstreams[n]) for n in names))
        return merge({n: d for n, d in zip(names, docs, strict=True) if d is not None})

    async def _fetch(self, base: str) -> dict[str, Any] | None:
        try:
            status, doc = await get_json(
                self.client, base + "/schema/openapi.json", timeout_seconds=FETCH_TIMEOUT_SECONDS
            )
        except (*UPSTREAM_ERRORS, ValueError):
            return None
        return doc if status == 200 and isinstance(doc, dict) else None


def merge(docs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Merge service documents; a schema name two services define differently gets prefixed."""
    paths: dict[str, Any] = {}
    schemas: dict[str, Any] = {}
    for service, doc in sorted(docs.items()):
        doc = copy.deepcopy(doc)
        own = doc.get("components", {}).get("schemas", {})
        renames = {
            name: f"{service.capitalize()}{name}"
            for name, schema in own.items()
            if name in schemas and schemas[name] != schema
        }
        if renames:
            doc = _rename_refs(doc, renames)
            own = doc.get("components", {}).get("schemas", {})
        schemas.update({renames.get(name, name): schema for name, schema in own.items()})
        for path, item in doc.get("paths", {}).items():
            if upstream_for(path) != service:
                continue
            for method, operation in item.items():
                if isinstance(operation, dict) and "responses" in operation:
                    operation.setdefault("tags", [service])
                    if not is_open_path(path):
                        operation.setdefault("security", _security(method, path))
                    _document_problems(operation["responses"], html=path in BROWSER_PAGES)
            paths[path] = item
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "GTS API",
            "version": "1.0.0",
            "description": "Guitar Tone Shootout: the public API, through the gateway.",
        },
        "servers": [{"url": "/"}],
        "paths": dict(sorted(paths.items())),
        "components": {
            "schemas": dict(sorted({**schemas, "Problem": PROBLEM_SCHEMA}.items())),
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
                "cookie": {"type": "apiKey", "in": "cookie", "name": "gts_access"},
                # a visitor's signed listener cookie, from the gateway's POST /api/v1/listener
                "listener": {"type": "apiKey", "in": "cookie", "name": "gts_listener"},
            },
        },
    }


def _security(method: str, path: str) -> list[dict[str, list[str]]]:
    signed_in: list[dict[str, list[str]]] = [{"bearer": []}, {"cookie": []}]
    if is_anonymous_listening(method, path):
        return [*signed_in, {"listener": []}]
    # `{}` is OpenAPI's "or no credentials at all"
    return [*signed_in, {}] if is_read_without_token(method, path) else signed_in


# Every error any service or the gateway itself answers is RFC 9457 problem+json.
PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "code": {"type": "string"},
        "request_id": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["field", "reason"],
                "properties": {
                    "field": {"type": "string"},
                    "reason": {"type": "string"},
                    "code": {"type": "string"},
                },
            },
        },
    },
}
ERROR_STATUSES = {
    "400": "The request is malformed",
    "401": "Sign in required, or the token was refused",
    "403": "Refused (e.g. a missing CSRF token)",
    "404": "No such resource for this caller",
    "405": "Method not allowed",
    "409": "Conflicts with the current state",
    "413": "The body is over the size limit",
    "415": "Unsupported media type",
    "422": "The content is not acceptable; `errors` names each field",
    "429": "Too many requests; see Retry-After",
    "502": "An upstream service is not reachable",
    "503": "A dependency is down; retry shortly",
    "504": "An upstream service did not answer in time",
}


# Pages a browser lands on during sign-in: their own refusals are friendly HTML pages.
BROWSER_PAGES = frozenset({"/auth/login", "/auth/callback"})


def _document_problems(responses: dict[str, Any], *, html: bool = False) -> None:
    no_content = responses.get("204")
    if isinstance(no_content, dict):
        no_content.pop("content", None)  # a 204 has no body, whatever the handler's type says
    problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    page = {"text/html": {"schema": {"type": "string"}}}
    for status, description in ERROR_STATUSES.items():
        content = {**problem, **page} if html else problem
        responses[status] = {"description": description, "content": content}


def _rename_refs(doc: dict[str, Any], renames: dict[str, str]) -> dict[str, Any]:
    text = json.dumps(doc)
    for old, new in renames.items():
        text = text.replace(f'"#/components/schemas/{old}"', f'"#/components/schemas/{new}"')
    renamed: dict[str, Any] = json.loads(text)
    schemas = renamed.get("components", {}).get("schemas", {})
    for old, new in renames.items():
        if old in schemas:
            schemas[new] = schemas.pop(old)
    return renamed


@get("/openapi.json", include_in_schema=False)
async def openapi_json(state: State) -> dict[str, Any]:
    """The merged OpenAPI document of the public API."""
    merged: MergedOpenAPI = state.ctx.parts.get(Edge).openapi
    return await merged.document()
