"""`gts` answers at once: parsing imports no heavy module; a command imports what it uses."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from gts_nam import synthesize_nam

HEAVY = (
    "litestar",
    "advanced_alchemy",
    "sqlalchemy",
    "scipy",
    "matplotlib",
    "numba",
    "gts_engine",
    "numpy",
    "soundfile",
    "httpx",
    "websockets",
    "msgspec",
    "gts_contracts",
    "gts_kit",
)
# Runs `gts` with the given arguments in a fresh interpreter, then names the heavy modules
# it imported (a structural check: no timing).
_PROBE = """
import json, sys
from gts_cli.main import main
heavy = json.loads(sys.argv[1])
try:
    main(sys.argv[2:])
except SystemExit:
    pass
loaded = sorted(h for h in heavy if any(m == h or m.startswith(h + ".") for m in sys.modules))
print(json.dumps(loaded), file=sys.stderr)
"""


def imported_heavy(argv: list[str], heavy: tuple[str, ...] = HEAVY) -> list[str]:
    """The modules of `heavy` (and their submodules) that `gts ARGV` imported."""
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(heavy), *argv],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    last = result.stderr.strip().splitlines()[-1]
    loaded: list[str] = json.loads(last)
    return loaded


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["nam", "--help"],
        ["render", "--help"],
        ["up", "--help"],
        ["demo", "--help"],
        ["bench", "--help"],
        ["bench", "render", "--help"],
        ["bench", "api", "--help"],
        ["bench", "shootout", "--help"],
    ],
    ids=" ".join,
)
def test_help_imports_no_heavy_module(argv: list[str]) -> None:
    assert imported_heavy(argv) == []


def test_nam_with_a_wavenet_imports_neither_numba_nor_the_services(tmp_path: Path) -> None:
    model = tmp_path / "nano.nam"
    model.write_bytes(synthesize_nam("nano", seed=1))
    source = tmp_path / "in.wav"
    sf.write(source, np.zeros(4_800, np.float32), 48_000)
    out = tmp_path / "out.wav"
    unneeded = ("litestar", "advanced_alchemy", "sqlalchemy", "scipy", "matplotlib", "numba")
    argv = ["nam", str(model), str(source), "-o", str(out), "--workers", "1"]
    assert imported_heavy(argv, (*unneeded, "gts_engine.job", "httpx")) == []
    assert out.exists()
