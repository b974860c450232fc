"""Where the stack finds the web app's build for the gateway to serve."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

BUILD = Path("web") / "dist"


def find_web_dir(roots: Iterable[Path]) -> Path | None:
    """The first root's `web/dist` that holds an index.html, or None when none is built."""
    for root in roots:
        if (root / BUILD / "index.html").is_file():
            return (root / BUILD).resolve()
    return None


def default_web_dir() -> Path | None:
    """The built web app of the repository holding this package, else of the working
    directory; None when neither is built (`make web`)."""
    here = Path(__file__).resolve()
    return find_web_dir(
        [*(p for p in here.parents if (p / "pyproject.toml").is_file()), Path.cwd()]
    )
