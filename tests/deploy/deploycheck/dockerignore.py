"""`.dockerignore` matching, as the Docker builder applies it to the build context."""

from __future__ import annotations

import re
from pathlib import Path


def _pattern_regex(pattern: str) -> re.Pattern[str]:
    """Go filepath.Match syntax plus `**` (any number of path segments), anchored at the root."""
    out = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z")


class DockerIgnore:
    """The rules of one `.dockerignore` file; later rules win, `!` re-includes."""

    def __init__(self, text: str) -> None:
        self.rules: list[tuple[bool, re.Pattern[str]]] = []
        for raw in text.splitlines():
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            include = line.startswith("!")
            pattern = line.removeprefix("!").strip().lstrip("/").rstrip("/")
            self.rules.append((include, _pattern_regex(pattern)))

    @classmethod
    def of(cls, root: Path) -> DockerIgnore:
        """The rules of `root/.dockerignore`, or none when the file is absent."""
        path = root / ".dockerignore"
        return cls(path.read_text() if path.is_file() else "")

    def excludes(self, relative_path: str) -> bool:
        """Whether the context path (posix, relative to the root) is left out of the context."""
        parts = relative_path.strip("/").split("/")
        # A path is out when it, or a folder above it, matches the last applicable rule.
        for depth in range(1, len(parts) + 1):
            prefix = "/".join(parts[:depth])
            excluded = False
            for include, regex in self.rules:
                if regex.match(prefix):
                    excluded = not include
            if excluded:
                return True
        return False
