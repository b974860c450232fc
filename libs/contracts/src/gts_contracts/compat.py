"""Is a new JSON Schema of a message compatible with the old one, both ways?

Producers and consumers deploy on their own and streams keep old messages, so a change
must let old consumers read new messages and new consumers read old ones. Breaking: a
dropped field, a retyped field, a field that became required (or stopped being required),
an enum value removed or added, a changed constraint. Compatible: an added optional field
(consumers ignore unknown fields), changed descriptions.
"""

from __future__ import annotations

import json
from typing import Any

# Keywords whose change alters which values are valid (format is part of the type).
_CONSTRAINTS = (
    "format",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minLength",
    "maxLength",
    "pattern",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minProperties",
    "maxProperties",
)

Schema = dict[str, Any]


def check_compatible(old_schema: Schema, new_schema: Schema) -> list[str]:
    """The breaking differences from `old_schema` to `new_schema`; empty when compatible.

    Both are self-contained JSON Schemas as `gts-contracts write` emits them (local `$ref`s
    into `$defs`). Each problem names the field path and the reason.
    """
    return _Comparison(old_schema, new_schema).run()


def _resolve(node: Schema, root: Schema) -> Schema:
    seen: set[str] = set()
    while "$ref" in node:
        ref = node["$ref"]
        if not isinstance(ref, str) or not ref.startswith("#/") or ref in seen:
            raise ValueError(f"$ref {ref!r}: only local, non-circular references are supported")
        seen.add(ref)
        target: Any = root
        for part in ref[2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def _describe(node: Schema) -> str:
    if "enum" in node:
        return "enum " + json.dumps(node["enum"])
    if "const" in node:
        return "const " + json.dumps(node["const"])
    kind = node.get("type")
    if kind is None:
        return "any"
    return kind if isinstance(kind, str) else "|".join(kind)


def _tag_field(node: Schema) -> str | None:
    tag = node.get("discriminator", {}).get("propertyName")
    return tag if isinstance(tag, str) else None


class _Comparison:
    def __init__(self, old_root: Schema, new_root: Schema) -> None:
        self.old_root = old_root
        self.new_root = new_root
        self.problems: list[str] = []
        self._visited: set[tuple[int, int]] = set()

    def run(self) -> list[str]:
        self.compare(self.old_root, self.new_root, "")
        return self.problems

    def report(self, path: str, reason: str) -> None:
        self.problems.append(f"{path or '(message)'}: {reason}")

    def compare(self, old: Schema, new: Schema, path: str) -> None:
        old = _resolve(old, self.old_root)
        new = _resolve(new, self.new_root)
        key = (id(old), id(new))
        if key in self._visited:
            return
        self._visited.add(key)
        # A tagged union may shrink to its one remaining struct: key both sides by the tag.
        tag = _tag_field(old) or _tag_field(new)
        old_alts = self._alternatives(old, self.old_root, tag)
        new_alts = self._alternatives(new, self.new_root, tag)
        if len(old_alts) == 1 and len(new_alts) == 1:
            self.compare_one(next(iter(old_alts.values())), next(iter(new_alts.values())), path)
            return
        for name in sorted(old_alts.keys() - new_alts.keys()):
            self.report(path, f"no longer accepts {name}, which old messages may carry")
        for name in sorted(new_alts.keys() - old_alts.keys()):
            self.report(path, f"now also allows {name}, which old consumers cannot read")
        for name in sorted(old_alts.keys() & new_alts.keys()):
            self.compare_one(old_alts[name], new_alts[name], f"{path}<{name}>")

    def _alternatives(self, node: Schema, root: Schema, tag: str | None) -> dict[str, Schema]:
        alternatives: dict[str, Schema] = {}
        options: list[Schema] = node.get("anyOf") or node.get("oneOf") or [node]
        for option in options:
            resolved = _resolve(option, root)
            name = _describe(resolved)
            tag_schema = resolved.get("properties", {}).get(tag) if tag else None
            if tag_schema is not None:
                name = f"{tag}={_describe(tag_schema)}"
            elif name in alternatives:
                name = f"{name} {resolved.get('title', len(alternatives))}"
            alternatives[name] = resolved
        return alternatives

    def compare_one(self, old: Schema, new: Schema, path: str) -> None:
        if old.get("type") != new.get("type") or ("enum" in old) != ("enum" in new):
            self.report(path, f"retyped from {_describe(old)} to {_describe(new)}")
            return
        if "enum" in old:
            removed = [v for v in old["enum"] if v not in new["enum"]]
            added = [v for v in new["enum"] if v not in old["enum"]]
            if removed:
                self.report(path, f"enum values removed: {json.dumps(removed)}")
            if added:
                self.report(
                    path, f"enum values added, old consumers reject them: {json.dumps(added)}"
                )
        if old.get("const") != new.get("const"):
            self.report(path, f"const changed from {old.get('const')!r} to {new.get('const')!r}")
        for keyword in _CONSTRAINTS:
            if old.get(keyword) != new.get(keyword):
                self.report(
                    path, f"{keyword} changed from {old.get(keyword)!r} to {new.get(keyword)!r}"
                )
        if old.get("type") == "object":
            self.compare_object(old, new, path)
        elif old.get("type") == "array":
            self.compare_array(old, new, path)

    def compare_object(self, old: Schema, new: Schema, path: str) -> None:
        old_props: dict[str, Schema] = old.get("properties", {})
        new_props: dict[str, Schema] = new.get("properties", {})
        old_required = set(old.get("required", []))
        new_required = set(new.get("required", []))
        prefix = f"{path}." if path else ""
        for name in old_props:
            field = prefix + name
            if name not in new_props:
                self.report(field, "field dropped")
                continue
            if name in new_required and name not in old_required:
                self.report(field, "field became required; old messages may lack it")
            if name in old_required and name not in new_required:
                self.report(field, "field is no longer required; old consumers expect it")
            self.compare(old_props[name], new_props[name], field)
        for name in new_props.keys() - old_props.keys():
            if name in new_required:
                self.report(prefix + name, "new field is required; old messages lack it")
        old_extra, new_extra = old.get("additionalProperties"), new.get("additionalProperties")
        if isinstance(old_extra, dict) and isinstance(new_extra, dict):
            self.compare(old_extra, new_extra, f"{path}{{}}")
        elif old_extra != new_extra:
            self.report(path, f"additionalProperties changed from {old_extra!r} to {new_extra!r}")

    def compare_array(self, old: Schema, new: Schema, path: str) -> None:
        old_items, new_items = old.get("items"), new.get("items")
        if isinstance(old_items, dict) and isinstance(new_items, dict):
            self.compare(old_items, new_items, f"{path}[]")
        elif old_items != new_items:
            self.report(f"{path}[]", "item schema changed")
