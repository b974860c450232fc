"""The committed `schemas/` equal what the Structs generate, and `gts-contracts` says so."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

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


def test_check_fails_on_a_hand_edited_schema_and_says_how_to_fix_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = tmp_path / "schemas"
    shutil.copytree(SCHEMAS_DIR, directory)
    path = directory / "render.job.progress.v1.json"
    schema = json.loads(path.read_text())
    schema["description"] = "edited by hand"
    path.write_text(json.dumps(schema))
    assert main(["check", "--dir", str(directory), "--against", "none"]) == 1
    err = capsys.readouterr().err
    assert "render.job.progress.v1.json: differs from the Structs" in err
    assert "gts-contracts write" in err


def test_check_fails_when_the_structs_dropped_a_committed_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A committed schema with a field the Struct no longer has: as if the Struct dropped it.
    directory = tmp_path / "schemas"
    shutil.copytree(SCHEMAS_DIR, directory)
    path = directory / "render.job.failed.v1.json"
    schema = json.loads(path.read_text())
    body = schema["$defs"]["RenderJobFailedV1"]
    body["properties"]["stack_trace"] = {"type": "string"}
    body["required"].append("stack_trace")
    path.write_text(json.dumps(schema))
    assert main(["check", "--dir", str(directory), "--against", "none"]) == 1
    err = capsys.readouterr().err
    assert "breaking: render.job.failed.v1.json: stack_trace: field dropped" in err
    assert "new V2 type" in err


def test_check_fails_when_a_committed_message_disappeared(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = tmp_path / "schemas"
    shutil.copytree(SCHEMAS_DIR, directory)
    (directory / "auth.user.deleted.v1.json").write_text(
        (directory / "auth.user.updated.v1.json").read_text()
    )
    assert main(["check", "--dir", str(directory), "--against", "none"]) == 1
    assert "auth.user.deleted.v1.json: message removed" in capsys.readouterr().err


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
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The ref holds an older schema with an extra required field; the working files are
    # current (as after `gts-contracts write`), so only the comparison with the ref can tell.
    directory = tmp_path / "schemas"
    shutil.copytree(SCHEMAS_DIR, directory)
    path = directory / "catalog.gear.removed.v1.json"
    current = path.read_text()
    schema = json.loads(current)
    schema["$defs"]["GearRemovedV1"]["properties"]["reason"] = {"type": "string"}
    schema["$defs"]["GearRemovedV1"]["required"].append("reason")
    path.write_text(json.dumps(schema))
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "v1")
    path.write_text(current)

    assert main(["check", "--dir", str(directory), "--against", "HEAD"]) == 1
    assert "since HEAD: catalog.gear.removed.v1.json: reason: field dropped" in (
        capsys.readouterr().err
    )
