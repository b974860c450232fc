"""Reading the files a command is given, with errors a person can act on."""

from __future__ import annotations

from pathlib import Path


class UsageError(ValueError):
    """A command-line value that cannot be used; printed as one line."""


def read_file(path: Path, what: str) -> bytes:
    """The bytes of `path`; UsageError naming `what` (the option) when it cannot be read."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{what}: {path} does not exist") from None
    except IsADirectoryError:
        raise UsageError(f"{what}: {path} is a folder, not a file") from None
    except OSError as exc:
        raise UsageError(f"{what}: cannot read {path} ({exc.strerror})") from None
