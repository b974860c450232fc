"""A Dockerfile read as instructions and stages, with its build arguments filled in."""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Mapping
from dataclasses import dataclass, replace


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


def with_args(instructions: list[Instruction], args: Mapping[str, str]) -> list[Instruction]:
    """The instructions with `$NAME` and `${NAME}` replaced for each build argument in `args`
    (what Docker does in COPY and FROM, and the shell does in RUN); other variables stay."""
    if not args:
        return instructions
    names = "|".join(map(re.escape, args))
    pattern = re.compile(rf"\$\{{({names})\}}|\$({names})\b")

    def fill(match: re.Match[str]) -> str:
        return args[match.group(1) or match.group(2)]

    return [replace(i, arguments=pattern.sub(fill, i.arguments)) for i in instructions]


@dataclass(frozen=True)
class Stage:
    """One build stage: its FROM instruction, its name (None when unnamed), what it is built
    on, and the instructions after its FROM."""

    start: Instruction
    name: str | None
    base: str
    body: list[Instruction]


def stages(instructions: list[Instruction]) -> list[Stage]:
    """The build stages in order (instructions before the first FROM, global ARGs, are left
    out)."""
    found: list[Stage] = []
    for instruction in instructions:
        if instruction.keyword == "FROM":
            _, words = _flags_and_args(instruction.arguments)
            name = words[2] if len(words) >= 3 and words[1].upper() == "AS" else None
            found.append(Stage(instruction, name, words[0], []))
        elif found:
            found[-1].body.append(instruction)
    return found


def image_stages(all_stages: list[Stage]) -> list[Stage]:
    """The stages the shipped image is made of: the last one and, through each `FROM <stage>`,
    the stages it is built on, the outermost base first."""
    if not all_stages:
        return []
    chain = [all_stages[-1]]
    while True:
        earlier = all_stages[: all_stages.index(chain[0])]
        base = next((s for s in reversed(earlier) if s.name == chain[0].base), None)
        if base is None:
            return chain
        chain.insert(0, base)


def used_stages(all_stages: list[Stage]) -> list[Stage]:
    """The stages a build of the last stage runs, in file order: the ones it is built on and
    the ones it copies from, and theirs in turn (BuildKit skips every other stage)."""
    if not all_stages:
        return []
    used = {len(all_stages) - 1}
    pending = [len(all_stages) - 1]
    while pending:
        current = pending.pop()
        wanted = {all_stages[current].base}
        for instruction in all_stages[current].body:
            if instruction.keyword in {"COPY", "ADD"}:
                wanted.add(copy_sources(instruction)[0].get("from", ""))
        for index, stage in enumerate(all_stages[:current]):
            if stage.name in wanted and index not in used:
                used.add(index)
                pending.append(index)
    return [all_stages[i] for i in sorted(used)]
