"""What docs/deploy.md documents: the table rows that name variables and Secrets."""

from __future__ import annotations

import re

_VARIABLE_ROW = re.compile(r"\s*\|\s*`([A-Z][A-Z0-9_]*)`\s*\|")
_SECRET_ROW = re.compile(r"\s*\|\s*`([a-z0-9][a-z0-9-]*)`\s*\|")


def documented_variables(markdown: str) -> set[str]:
    """Environment variables that head a table row (first cell, backticked, upper case)."""
    return {m.group(1) for line in markdown.splitlines() if (m := _VARIABLE_ROW.match(line))}


def documented_secrets(markdown: str) -> set[str]:
    """Secret names that head a row of the `| secret | keys | used by |` table."""
    return set(secret_keys(markdown))


_KEY = re.compile(r"`([A-Za-z0-9_.-]+)`")


def secret_keys(markdown: str) -> dict[str, set[str]]:
    """Each Secret of the `| secret | keys | used by |` table and the keys its row names."""
    keys: dict[str, set[str]] = {}
    in_table = False
    for line in markdown.splitlines():
        if line.strip().startswith("| secret |"):
            in_table = True
            continue
        if in_table and not line.strip().startswith("|"):
            in_table = False
        if in_table and (match := _SECRET_ROW.match(line)):
            cells = line.split("|")
            keys[match.group(1)] = set(_KEY.findall(cells[2])) if len(cells) > 2 else set()
    return keys
