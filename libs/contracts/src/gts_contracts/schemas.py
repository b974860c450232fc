"""JSON Schemas of the messages, generated from the Structs, and their file names."""

from __future__ import annotations

import inspect
import json
from typing import Any

import msgspec

from gts_contracts.registry import MESSAGES, MessageSpec

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_basename(spec: MessageSpec) -> str:
    """The file stem for a message: its subject, plus `.reply` for a reply."""
    return f"{spec.subject}.reply" if spec.kind == "reply" else spec.subject


def schema_filename(spec: MessageSpec) -> str:
    """The schema file of a message inside `schemas/`."""
    return f"{schema_basename(spec)}.json"


def _clean_descriptions(node: Any) -> Any:
    # msgspec copies raw docstrings; dedent them so the files read well and stay stable.
    if isinstance(node, dict):
        return {
            key: inspect.cleandoc(value)
            if key == "description" and isinstance(value, str)
            else _clean_descriptions(value)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_clean_descriptions(item) for item in node]
    return node


def message_schema(spec: MessageSpec) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one message, self-contained (`$defs`)."""
    schema: dict[str, Any] = _clean_descriptions(msgspec.json.schema(spec.type))
    schema["$schema"] = JSON_SCHEMA_DIALECT
    schema["title"] = schema_basename(spec)
    schema["description"] = spec.description
    return schema


def render_json(document: dict[str, Any]) -> str:
    """Deterministic JSON text: sorted keys, two-space indent, trailing newline."""
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def all_schemas() -> dict[str, dict[str, Any]]:
    """Every message's schema, keyed by file name."""
    return {schema_filename(spec): message_schema(spec) for spec in MESSAGES}
