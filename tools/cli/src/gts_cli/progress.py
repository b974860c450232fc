"""A one-line progress bar on stderr."""

from __future__ import annotations

import sys

WIDTH = 30


def show(stage: str, percent: float, *, done: bool = False) -> None:
    """Redraw the bar: stage name and percent (0..100); `done` ends the line."""
    filled = int(WIDTH * max(0.0, min(100.0, percent)) / 100)
    bar = "#" * filled + "-" * (WIDTH - filled)
    sys.stderr.write(f"\r[{bar}] {percent:5.1f}% {stage:<10}")
    if done:
        sys.stderr.write("\n")
    sys.stderr.flush()
