"""What the uv workspace declares: members, their console scripts and workspace dependencies."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

MEMBER_GLOBS = ("libs/*/pyproject.toml", "services/*/pyproject.toml", "tools/*/pyproject.toml")


@dataclass(frozen=True)
class Member:
    """One workspace package: its distribution name, directory (relative to the root), scripts."""

    name: str
    directory: str
    scripts: frozenset[str]
    workspace_dependencies: frozenset[str]


def members(root: Path) -> dict[str, Member]:
    """Every workspace member under `root`, keyed by distribution name (e.g. `gts-render`)."""
    found: dict[str, Member] = {}
    for pattern in MEMBER_GLOBS:
        for manifest in sorted(root.glob(pattern)):
            data = tomllib.loads(manifest.read_text())
            sources = data.get("tool", {}).get("uv", {}).get("sources", {})
            name = data["project"]["name"]
            found[name] = Member(
                name=name,
                directory=manifest.parent.relative_to(root).as_posix(),
                scripts=frozenset(data["project"].get("scripts", {})),
                workspace_dependencies=frozenset(
                    dep for dep, spec in sources.items() if spec.get("workspace") is True
                ),
            )
    return found


def closure(name: str, all_members: dict[str, Member]) -> set[str]:
    """`name` and every workspace member it needs, directly or through another member."""
    needed: set[str] = set()
    pending = [name]
    while pending:
        current = pending.pop()
        if current in needed:
            continue
        needed.add(current)
        pending.extend(all_members[current].workspace_dependencies)
    return needed
