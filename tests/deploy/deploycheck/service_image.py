"""The checks a GTS service's image must pass, read from the one Dockerfile with SERVICE set."""

from __future__ import annotations

import itertools
from pathlib import Path

from deploycheck.dockerfile import (
    Instruction,
    Stage,
    copy_sources,
    exec_form,
    image_stages,
    parse,
    stages,
    used_stages,
    with_args,
)
from deploycheck.dockerignore import DockerIgnore
from deploycheck.workspace import Member, closure

# What a dependency layer may be made of: the workspace manifest and the lock file, no code.
MANIFESTS = frozenset({"pyproject.toml", "uv.lock"})


def service_stages(text: str, service: str) -> list[Stage]:
    """The stages of `text` with SERVICE=`service` filled in."""
    return stages(with_args(parse(text), {"SERVICE": service}))


def problems(text: str, package: Member, members: dict[str, Member], root: Path) -> list[str]:
    """Everything wrong with `text` as the Dockerfile of `package` (`gts-<service>`, built with
    SERVICE=<service>); empty when it is sound."""
    all_stages = service_stages(text, package.name.removeprefix("gts-"))
    used = used_stages(all_stages)
    found: list[str] = []
    if len(used) < 2:
        found.append("not a multi-stage build: a build stage and a runtime stage are expected")
    chain = image_stages(all_stages)
    if chain and not chain[0].base.startswith("python:3.11-slim"):
        found.append(f"line {chain[0].start.line}: runtime image must be python:3.11-slim")
    needed = {name: members[name].directory for name in closure(package.name, members)}
    found += _copy_problems(used, needed, package, root)
    found += _dependency_layer_problems(used, package)
    found += _runtime_problems([i for s in chain for i in [s.start, *s.body]], package)
    return found


def _copy_problems(
    used: list[Stage], needed: dict[str, str], package: Member, root: Path
) -> list[str]:
    """Context copies: each exists, is in the context, and between them they bring every
    workspace member `package` needs and no other (all of `libs` only when narrowed after)."""
    found: list[str] = []
    ignore = DockerIgnore.of(root)
    copied: set[str] = set()
    for stage in used:
        for ins in stage.body:
            if ins.keyword not in {"COPY", "ADD"}:
                continue
            flags, sources = copy_sources(ins)
            if "from" in flags:
                continue  # Copies out of another stage or image, not out of the build context.
            for source in sources:
                relative = source.removeprefix("./").rstrip("/") or "."
                found += _source_problems(ins, source, relative, root, ignore)
                copied.add(relative)
                found += _scope_problems(ins, relative, stage, set(needed.values()), package)
    found.extend(
        f"workspace member {name} ({directory}) is not copied"
        for name, directory in sorted(needed.items())
        if not any(directory == c or directory.startswith(c + "/") for c in copied)
    )
    return found


def _source_problems(
    ins: Instruction, source: str, relative: str, root: Path, ignore: DockerIgnore
) -> list[str]:
    matches = (
        list(root.glob(relative))
        if any(c in relative for c in "*?[")
        else ([root / relative] if (root / relative).exists() else [])
    )
    if not matches:
        return [f"line {ins.line}: {ins.keyword} source {source!r} does not exist"]
    if ignore.excludes(relative):
        return [f"line {ins.line}: {ins.keyword} source {source!r} is left out by .dockerignore"]
    return []


def _scope_problems(
    ins: Instruction, relative: str, stage: Stage, needed: set[str], package: Member
) -> list[str]:
    """A copied workspace folder that `package` does not need (or all of them, un-narrowed)."""
    top = relative.split("/")[0]
    if top not in {"libs", "services", "tools"}:
        return []
    if relative in {"libs", "services", "tools"}:
        narrowed = any(
            i.keyword == "RUN" and "uv export" in i.arguments and _limits_to(i, package)
            for i in stage.body[stage.body.index(ins) :]
        )
        if relative == "libs" and narrowed:
            return []
        return [
            f"line {ins.line}: copies all of {relative}/ and never narrows it to what "
            f"{package.name} needs (`uv export --package {package.name}`)"
        ]
    if any(relative == d or relative.startswith(d + "/") for d in needed):
        return []
    return [f"line {ins.line}: copies {relative}, which {package.name} does not need"]


def _limits_to(ins: Instruction, package: Member) -> bool:
    """Whether the command names `--package <package>`."""
    words = ins.arguments.split()
    named = ("--package", package.name) in itertools.pairwise(words)
    return named or f"--package={package.name}" in words


def _dependency_layer_problems(used: list[Stage], package: Member) -> list[str]:
    """A `uv sync --frozen --no-install-workspace --package <package>` layer, built from the
    manifest and the lock file alone (in its stage and in the stages it is built on)."""
    found: list[str] = []
    runs = [(s, i) for s in used for i in s.body if i.keyword == "RUN"]
    lock_first = [(s, i) for s, i in runs if "uv sync" in i.arguments and "--frozen" in i.arguments]
    layer = next(((s, i) for s, i in lock_first if "--no-install-workspace" in i.arguments), None)
    if layer is None:
        found.append("no dependency layer: `uv sync --frozen --no-install-workspace` is missing")
    if not any(_limits_to(i, package) for _, i in lock_first):
        found.append(f"uv sync never limits itself to --package {package.name}")
    if layer is None:
        return found
    stage, run = layer
    names = {s.name for s in used if s.name}
    built_on = image_stages([*used[: used.index(stage)], stage])
    before = [i for s in built_on for i in s.body]
    for ins in before[: before.index(run)]:
        if ins.keyword not in {"COPY", "ADD"}:
            continue
        flags, sources = copy_sources(ins)
        origin = flags.get("from")
        # a tool out of another image is no source; anything out of the context or a stage is
        if (origin is None and not set(sources) <= MANIFESTS) or origin in names:
            found.append(
                f"line {ins.line}: {ins.keyword} {ins.arguments!r} comes before the dependency "
                "layer: a source edit would rebuild it"
            )
    return found


def _runtime_problems(shipped: list[Instruction], package: Member) -> list[str]:
    """The shipped image: non-root, a health check, and `<its console script> serve`."""
    found: list[str] = []
    users = [ins for ins in shipped if ins.keyword == "USER"]
    if not users or users[-1].arguments.split(":")[0] in {"0", "root"}:
        found.append("runtime stage must switch to a non-root USER")
    checks = [ins for ins in shipped if ins.keyword == "HEALTHCHECK"]
    if not checks or "/health/live" not in checks[-1].arguments:
        found.append("runtime stage needs a HEALTHCHECK on /health/live")
    commands = [ins for ins in shipped if ins.keyword in {"ENTRYPOINT", "CMD"}]
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
