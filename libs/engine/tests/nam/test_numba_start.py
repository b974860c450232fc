"""numba starts without importing scipy.linalg for the LSTM, and as usual beside it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np

from gts_engine.nam import load_model
from gts_nam import parse_nam, synthesize_nam

_RUN_LSTM = """
import json, sys
{before}
import numpy as np
from gts_nam import parse_nam, synthesize_nam
from gts_engine.nam import load_model
y = load_model(parse_nam(synthesize_nam("lstm", seed=3))).process(
    np.sin(np.arange(2000, dtype=np.float32) / 20)
)
import numba.np.arraymath as arraymath
print(json.dumps({{"scipy_linalg": "scipy.linalg" in sys.modules,
    "blas": arraymath._HAVE_BLAS, "y": y.tolist()}}))
"""


def _run(before: str, cache: Path) -> dict[str, object]:
    """Render in a new process that compiles the kernel (its cache folder is empty)."""
    done = subprocess.run(
        [sys.executable, "-c", _RUN_LSTM.format(before=before)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "NUMBA_CACHE_DIR": str(cache)},
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_an_lstm_process_never_loads_scipy_linalg_and_renders_the_same(tmp_path: Path) -> None:
    alone = _run("", tmp_path / "alone")
    assert alone["scipy_linalg"] is False
    assert alone["blas"] is False
    beside = _run("import scipy.linalg", tmp_path / "beside")
    assert beside["blas"] is True  # the probe ran as usual where scipy was loaded anyway
    here = load_model(parse_nam(synthesize_nam("lstm", seed=3))).process(
        np.sin(np.arange(2000, dtype=np.float32) / 20)
    )
    assert np.array_equal(np.asarray(alone["y"], np.float32), here)
    assert np.array_equal(np.asarray(beside["y"], np.float32), here)
