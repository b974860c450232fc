"""Commands run from the module that implements them, imported only when they run.

The `gts` parser imports every module under `gts_cli.commands`, so those hold only argparse
definitions; the heavy imports (the render engine, NumPy, HTTP clients, the stack) live in
`gts_cli.run.<command>` and load after the arguments are parsed.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from typing import cast

Run = Callable[[argparse.Namespace], int]


def runner(module: str) -> Run:
    """A `run(args)` that imports `module` on its first call and calls its `run(args)`."""

    def run(args: argparse.Namespace) -> int:
        implementation = cast("Run", importlib.import_module(module).run)
        return implementation(args)

    return run
