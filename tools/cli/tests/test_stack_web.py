"""The stack hands the gateway the first built web app it finds, and none when none is built."""

from __future__ import annotations

from pathlib import Path

from gts_cli.stack.web import find_web_dir


def build(root: Path) -> Path:
    dist = root / "web" / "dist"
    dist.mkdir(parents=True)
    (dist / "index.html").write_text("<!doctype html>\n")
    return dist


def test_the_first_root_with_a_built_app_wins(tmp_path: Path) -> None:
    unbuilt = tmp_path / "checkout"
    (unbuilt / "web" / "dist").mkdir(parents=True)  # an emptied build: no index.html
    built = build(tmp_path / "repo")
    assert find_web_dir([tmp_path / "nothing", unbuilt, tmp_path / "repo"]) == built.resolve()


def test_no_built_app_is_none(tmp_path: Path) -> None:
    (tmp_path / "web" / "src").mkdir(parents=True)
    assert find_web_dir([tmp_path]) is None
