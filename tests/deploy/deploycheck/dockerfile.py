"""A Dockerfile read as instructions, and the checks each GTS service image must pass."""

from __future__ import annotations

import json
import shlex
from dataclasses import dataclass
from pathlib import Path

from deploycheck.dockerignore import DockerIgnore
from deploycheck.workspace import Member, closure


@dataclass(frozen=True)
class Instruction:
    """One Dockerfile instruction: upper-case keyword, its raw arguments, its first line number."""

    keyword: str
    arguments: str
    line: int


def parse(text: str) -> list[Instruction]:
    """Instructions in order, with continuation lines joined and comment lines dropped."""
    instructions: list[Instruction] = []
    buffer: list[str] = []
    start = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if not buffer and (not stripped or stripped.startswith("#")):
            continue
        if buffer and stripped.startswith("#"):
            continue  # Docker drops comment lines inside a continued instruction.
        if not buffer:
            start = number
        if stripped.endswith("\\"):
            buffer.append(stripped[:-1])
            continue
        buffer.append(stripped)
        joined = " ".join(part.strip() for part in buffer if part.strip())
        keyword, _, arguments = joined.partition(" ")
        instructions.append(Instruction(keyword.upper(), arguments.strip(), start))
        buffer = []
    return instructions


def _flags_and_args(arguments: str) -> tuple[dict[str, str], list[str]]:
    """Split leading `--flag=value` options from the rest (a JSON array or shell words)."""
    flags: dict[str, str] = {}
    rest = arguments.strip()
    while rest.startswith("--"):
        token, _, rest = rest.partition(" ")
        name, _, value = token[2:].partition("=")
        flags[name] = value
        rest = rest.strip()
    if rest.startswith("["):
        return flags, [str(item) for item in json.loads(rest)]
    return flags, shlex.split(rest)


def exec_form(arguments: str) -> list[str] | None:
    """The JSON (exec) form of CMD/ENTRYPOINT as a list, or None for the shell form."""
    if not arguments.startswith("["):
        return None
    value = json.loads(arguments)
    return [str(item) for item in value]


def copy_sources(instruction: Instruction) -> tuple[dict[str, str], list[str]]:
    """The flags and the source paths of a COPY/ADD (every word but the destination)."""
    flags, words = _flags_and_args(instruction.arguments)
    return flags, words[:-1]


def final_stage(instructions: list[Instruction]) -> list[Instruction]:
    """The instructions from the last FROM on: what the shipped image is made of."""
    starts = [i for i, ins in enumerate(instructions) if ins.keyword == "FROM"]
    return instructions[starts[-1] :] if starts else instructions


def problems(text: str, package: Member, members: dict[str, Member], root: Path) -> list[str]:
    """Everything wrong with `text` as the Dockerfile of `package`; empty when it is sound."""
    found: list[str] = []
    instructions = parse(text)
    ignore = DockerIgnore.of(root)
    stages = [ins for ins in instructions if ins.keyword == "FROM"]
    if len(stages) < 2:
        found.append("not a multi-stage build: a build stage and a runtime stage are expected")
    if stages and not stages[-1].arguments.split()[0].startswith("python:3.11-slim"):
        found.append(f"line {stages[-1].line}: runtime image must be python:3.11-slim")

    copied: set[str] = set()
    for ins in instructions:
        if ins.keyword not in {"COPY", "ADD"}:
            continue
        flags, sources = copy_sources(ins)
        if "from" in flags:
            continue  # Copies out of another stage or image, not out of the build context.
        for source in sources:
            relative = source.removeprefix("./").rstrip("/") or "."
            matches = (
                list(root.glob(relative))
                if any(c in relative for c in "*?[")
                else ([root / relative] if (root / relative).exists() else [])
            )
            if not matches:
                found.append(f"line {ins.line}: {ins.keyword} source {source!r} does not exist")
            elif ignore.excludes(relative):
                found.append(
                    f"line {ins.line}: {ins.keyword} source {source!r} is left out by .dockerignore"
                )
            copied.add(relative)

    found.extend(
        f"workspace member {needed} ({members[needed].directory}) is not copied"
        for needed in sorted(closure(package.name, members))
        if members[needed].directory not in copied
    )

    runs = [ins for ins in instructions if ins.keyword == "RUN"]
    lock_first = [r for r in runs if "uv sync" in r.arguments and "--frozen" in r.arguments]
    if not any("--no-install-workspace" in r.arguments for r in lock_first):
        found.append("no dependency layer: `uv sync --frozen --no-install-workspace` is missing")
    if not any(f"--package {package.name}" in r.arguments for r in lock_first):
        found.append(f"uv sync never limits itself to --package {package.name}")

    runtime = final_stage(instructions)
    users = [ins for ins in runtime if ins.keyword == "USER"]
    if not users or users[-1].arguments.split(":")[0] in {"0", "root"}:
        found.append("runtime stage must switch to a non-root USER")
    checks = [ins for ins in runtime if ins.keyword == "HEALTHCHECK"]
    if not checks or "/health/live" not in checks[-1].arguments:
        found.append("runtime stage needs a HEALTHCHECK on /health/live")

    commands = [ins for ins in runtime if ins.keyword in {"ENTRYPOINT", "CMD"}]
    entry: list[str] = []
    for ins in commands:
        form = exec_form(ins.arguments)
        if form is None:
            found.append(f"line {ins.line}: {ins.keyword} must use the exec (JSON) form")
        elif ins.keyword == "ENTRYPOINT":
            entry = form
        else:
            entry = [*entry, *form] if any(c.keyword == "ENTRYPOINT" for c in commands) else form
    if not entry:
        found.append("runtime stage has no ENTRYPOINT or CMD")
    elif entry[0] not in package.scripts:
        found.append(
            f"entry point {entry[0]!r} is not a console script of {package.name} "
            f"(its scripts: {sorted(package.scripts)})"
        )
    elif entry[1:] != ["serve"]:
        found.append(f"entry point must run `{entry[0]} serve`, not {entry!r}")
    return found
