"""The committed `schemas/` equal what the Structs generate, and `gts-contracts` says so."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from gts_contracts.cli import main
from gts_contracts.generate import REGENERATE_HINT, drift, generated_files, read_committed

SCHEMAS_DIR = Path(__file__).resolve().parents[1] / "schemas"


def test_committed_schemas_and_asyncapi_equal_the_generated_ones() -> None:
    problems = drift(read_committed(SCHEMAS_DIR), generated_files())
    assert not problems, "schemas are stale: " + "; ".join(problems) + f"; {REGENERATE_HINT}"


def test_generated_files_are_deterministic_sorted_and_end_with_a_newline() -> None:
    first, second = generated_files(), generated_files()
    assert first == second
    for name, text in first.items():
        assert text.endswith("}\n"), name
        assert text == json.dumps(json.loads(text), indent=2, sort_keys=True) + "\n", name


def test_check_passes_on_the_committed_files(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--dir", str(SCHEMAS_DIR), "--against", "none"]) == 0
    assert "current and compatible" in capsys.readouterr().out


@pytest.fixture
def copied(tmp_path: Path) -> Path:
    """A copy of the committed schemas, to change."""
    directory = tmp_path / "schemas"
    shutil.copytree(SCHEMAS_DIR, directory)
    return directory


def edit_schema(path: Path, edit: Callable[[dict[str, Any]], None]) -> str:
    """Change the schema at `path` with `edit`; returns the text it had."""
    before = path.read_text()
    schema = json.loads(before)
    edit(schema)
    path.write_text(json.dumps(schema))
    return before


def _describe_by_hand(directory: Path) -> None:
    def edit(schema: dict[str, Any]) -> None:
        schema["description"] = "edited by hand"

    edit_schema(directory / "render.job.progress.v1.json", edit)


def _add_a_field_the_struct_lacks(directory: Path) -> None:
    # A committed schema with a field the Struct no longer has: as if the Struct dropped it.
    def edit(schema: dict[str, Any]) -> None:
        body = schema["$defs"]["RenderJobFailedV1"]
        body["properties"]["stack_trace"] = {"type": "string"}
        body["required"].append("stack_trace")

    edit_schema(directory / "render.job.failed.v1.json", edit)


def _add_a_message_the_structs_lack(directory: Path) -> None:
    (directory / "auth.user.deleted.v1.json").write_text(
        (directory / "auth.user.updated.v1.json").read_text()
    )


@pytest.mark.parametrize(
    ("change", "said"),
    [
        pytest.param(
            _describe_by_hand,
            ["render.job.progress.v1.json: differs from the Structs", "gts-contracts write"],
            id="hand-edited-schema-says-how-to-fix-it",
        ),
        pytest.param(
            _add_a_field_the_struct_lacks,
            ["breaking: render.job.failed.v1.json: stack_trace: field dropped", "new V2 type"],
            id="structs-dropped-a-committed-field",
        ),
        pytest.param(
            _add_a_message_the_structs_lack,
            ["auth.user.deleted.v1.json: message removed"],
            id="committed-message-disappeared",
        ),
    ],
)
def test_check_fails_on_committed_files_the_structs_do_not_match(
    copied: Path,
    capsys: pytest.CaptureFixture[str],
    change: Callable[[Path], None],
    said: list[str],
) -> None:
    change(copied)
    assert main(["check", "--dir", str(copied), "--against", "none"]) == 1
    err = capsys.readouterr().err
    for words in said:
        assert words in err


def test_write_makes_a_directory_that_check_accepts(tmp_path: Path) -> None:
    directory = tmp_path / "fresh"
    (directory).mkdir()
    (directory / "stale.v1.json").write_text("{}\n")
    assert main(["write", "--dir", str(directory)]) == 0
    assert not (directory / "stale.v1.json").exists()
    assert read_committed(directory) == generated_files()


def _git(directory: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(directory), *args], check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_check_against_a_git_ref_catches_a_breaking_change_that_was_written_over(
    tmp_path: Path, copied: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The ref holds an older schema with an extra required field; the working files are
    # current (as after `gts-contracts write`), so only the comparison with the ref can tell.
    def add_reason(schema: dict[str, Any]) -> None:
        schema["$defs"]["GearRemovedV1"]["properties"]["reason"] = {"type": "string"}
        schema["$defs"]["GearRemovedV1"]["required"].append("reason")

    path = copied / "catalog.gear.removed.v1.json"
    current = edit_schema(path, add_reason)
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "v1")
    path.write_text(current)

    assert main(["check", "--dir", str(copied), "--against", "HEAD"]) == 1
    assert "since HEAD: catalog.gear.removed.v1.json: reason: field dropped" in (
        capsys.readouterr().err
    )
