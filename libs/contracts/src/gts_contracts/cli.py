"""`gts-contracts write|check`: keep the committed schemas equal to the Structs, compatibly."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from gts_contracts.generate import (
    REGENERATE_HINT,
    breaking_changes,
    default_schemas_dir,
    drift,
    generated_files,
    read_committed,
    read_from_git,
    write_files,
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gts-contracts", description="JSON Schemas and AsyncAPI of the GTS messages."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    write = commands.add_parser("write", help="write schemas/ from the message Structs")
    check = commands.add_parser(
        "check", help="fail when schemas/ is stale or a message changed incompatibly"
    )
    for command in (write, check):
        command.add_argument("--dir", type=Path, default=None, help="the schemas directory")
    check.add_argument(
        "--against",
        default="HEAD",
        help="git ref whose schemas the Structs must stay compatible with (default HEAD; "
        "CI passes the target branch, e.g. origin/main); 'none' skips it",
    )
    return parser


def _write(directory: Path) -> int:
    changed = write_files(directory)
    for name in changed:
        print(f"wrote {directory / name}")
    print(f"{directory}: {'up to date' if not changed else f'{len(changed)} file(s) changed'}")
    return 0


def _check(directory: Path, against: str) -> int:
    expected = generated_files()
    committed = read_committed(directory)
    stale = drift(committed, expected)
    breaking = breaking_changes(committed, expected)
    if against.lower() != "none":
        baseline = read_from_git(directory, against)
        if baseline is None:
            print(f"note: no schemas at git ref {against!r}; compared with the files only")
        else:
            breaking += [f"since {against}: {p}" for p in breaking_changes(baseline, expected)]
    for problem in stale:
        print(f"stale: {problem}", file=sys.stderr)
    if stale:
        print(REGENERATE_HINT, file=sys.stderr)
    for problem in dict.fromkeys(breaking):
        print(f"breaking: {problem}", file=sys.stderr)
    if breaking:
        print("a breaking change needs a new V2 type and subject beside V1", file=sys.stderr)
    if stale or breaking:
        return 1
    print(f"{directory}: {len(expected)} files current and compatible")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `gts-contracts`; returns the exit status."""
    args = _parser().parse_args(argv)
    directory: Path = args.dir if args.dir is not None else default_schemas_dir()
    if args.command == "write":
        return _write(directory)
    return _check(directory, args.against)


if __name__ == "__main__":
    sys.exit(main())
