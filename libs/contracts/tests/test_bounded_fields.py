"""Every string, list and map a message carries is bounded, and its JSON Schema says so.

NATS refuses payloads over 1 MiB; an unbounded field lets one user's input make an event
that can never be sent.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import msgspec
import pytest

from gts_contracts import GearAddedV1, MessageDecodeError, decode, encode
from gts_contracts.examples import examples_for
from gts_contracts.fields import NAME_MAX_CHARS

SCHEMAS_DIR = Path(__file__).resolve().parents[1] / "schemas"
MESSAGE_SCHEMAS = sorted(p for p in SCHEMAS_DIR.glob("*.json") if p.name != "asyncapi.json")
# Strings whose format or pattern already fixes their length.
_SELF_BOUNDED_FORMATS = {"uuid", "date-time"}


def _unbounded(node: Any, path: str) -> list[str]:
    found: list[str] = []
    if isinstance(node, dict):
        kind = node.get("type")
        if kind == "string" and "enum" not in node and "const" not in node:
            bounded = "maxLength" in node or node.get("format") in _SELF_BOUNDED_FORMATS
            if not bounded and "{64}$" not in node.get("pattern", ""):
                found.append(f"{path}: string without maxLength")
        if kind == "array" and "maxItems" not in node:
            found.append(f"{path}: array without maxItems")
        if kind == "object" and isinstance(node.get("additionalProperties"), dict):
            if "maxProperties" not in node:
                found.append(f"{path}: map without maxProperties")
            if "maxLength" not in node.get("propertyNames", {}):
                found.append(f"{path}: map keys without maxLength")
        for key, value in node.items():
            found += _unbounded(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _unbounded(value, f"{path}/{i}")
    return found


@pytest.mark.parametrize("path", MESSAGE_SCHEMAS, ids=lambda p: p.name)
def test_every_string_list_and_map_in_the_schema_is_bounded(path: Path) -> None:
    assert _unbounded(json.loads(path.read_text()), "#") == []


def test_the_gear_name_bound_shows_in_the_schema_and_refuses_a_longer_name() -> None:
    schema = json.loads((SCHEMAS_DIR / "catalog.gear.added.v1.json").read_text())
    assert schema["$defs"]["GearAddedV1"]["properties"]["name"]["maxLength"] == NAME_MAX_CHARS
    example = decode(examples_for(GearAddedV1)[0].data, GearAddedV1)
    too_long = msgspec.structs.replace(example, name="x" * (NAME_MAX_CHARS + 1))
    with pytest.raises(MessageDecodeError, match="name"):
        decode(encode(too_long), GearAddedV1)
