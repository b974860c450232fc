"""Running the `gts` command in-process, as the CLI tests do."""

from __future__ import annotations

import pytest

from gts_cli.main import build_parser, main


def gts_main(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run `gts` through its entry point: (exit code, stdout, stderr)."""
    with pytest.raises(SystemExit) as exited:
        main(argv)
    out, err = capsys.readouterr()
    return int(exited.value.code or 0), out, err


def gts_run(*argv: str) -> int:
    """Run the `gts` subcommand that `argv` parses to, returning its exit code."""
    args = build_parser().parse_args(list(argv))
    code: int = args.run(args)
    return code
