"""The files under `libs/contracts/schemas/`: what they should hold and how they differ."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from gts_contracts.asyncapi import ASYNCAPI_FILENAME, asyncapi_document
from gts_contracts.compat import check_compatible
from gts_contracts.schemas import all_schemas, render_json

REGENERATE_HINT = "run `make schemas` (or `gts-contracts write`) and commit the result"


def default_schemas_dir() -> Path:
    """`libs/contracts/schemas` of the source tree this package runs from."""
    package_root = Path(__file__).resolve().parents[2]
    if not (package_root / "pyproject.toml").is_file():
        raise FileNotFoundError(
            f"schemas dir: {package_root} is not the gts-contracts source tree; pass --dir"
        )
    return package_root / "schemas"


def generated_files() -> dict[str, str]:
    """Every schema file's expected text, keyed by file name (message schemas + AsyncAPI)."""
    files = {name: render_json(schema) for name, schema in all_schemas().items()}
    files[ASYNCAPI_FILENAME] = render_json(asyncapi_document())
    return dict(sorted(files.items()))


def write_files(directory: Path) -> list[str]:
    """Write every schema file into `directory`, delete stale `.json` files; names changed."""
    directory.mkdir(parents=True, exist_ok=True)
    expected = generated_files()
    changed: list[str] = []
    for stale in sorted(directory.glob("*.json")):
        if stale.name not in expected:
            stale.unlink()
            changed.append(stale.name)
    for name, text in expected.items():
        path = directory / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(name)
    return changed


def read_committed(directory: Path) -> dict[str, str]:
    """The `.json` files present in `directory`, keyed by file name."""
    return {
        path.name: path.read_text(encoding="utf-8") for path in sorted(directory.glob("*.json"))
    }


def drift(committed: dict[str, str], expected: dict[str, str]) -> list[str]:
    """Files that are missing, extra or different; empty when the directory is current."""
    problems = [f"{name}: missing" for name in expected if name not in committed]
    problems += [f"{name}: no message produces it" for name in committed if name not in expected]
    problems += [
        f"{name}: differs from the Structs"
        for name, text in expected.items()
        if name in committed and committed[name] != text
    ]
    return sorted(problems)


def breaking_changes(baseline: dict[str, str], expected: dict[str, str]) -> list[str]:
    """Incompatible changes of each message schema from `baseline` to `expected`.

    A schema that vanished is breaking (consumers still listen); a new one is fine. The
    AsyncAPI document is not compared: it is derived from the same schemas.
    """
    problems: list[str] = []
    for name, old_text in sorted(baseline.items()):
        if name == ASYNCAPI_FILENAME:
            continue
        if name not in expected:
            problems.append(f"{name}: message removed; publish a new version beside it instead")
            continue
        old_schema, new_schema = json.loads(old_text), json.loads(expected[name])
        problems += [f"{name}: {problem}" for problem in check_compatible(old_schema, new_schema)]
    return problems


def read_from_git(directory: Path, ref: str) -> dict[str, str] | None:
    """The `.json` files of `directory` as of git `ref`; None when git or the ref is absent."""
    try:
        top = Path(_git(directory, "rev-parse", "--show-toplevel").strip())
        relative = directory.resolve().relative_to(top.resolve()).as_posix()
        # From the top: ls-tree filters its listing by the working directory.
        listing = _git(top, "ls-tree", "--name-only", f"{ref}:{relative}")
    except (OSError, subprocess.CalledProcessError, ValueError):
        return None
    names = [name for name in listing.splitlines() if name.endswith(".json")]
    return {name: _git(top, "show", f"{ref}:{relative}/{name}") for name in names}


def _git(directory: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", "-C", str(directory), *args], capture_output=True, text=True, check=True
    )
    return result.stdout
