"""The LSTM's object code is kept on disk and loaded without numba; what runs is the same."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np

from gts_engine.nam import load_model
from gts_nam import parse_nam, synthesize_nam

_RENDER = """
import json, sys
import numpy as np
from gts_nam import parse_nam, synthesize_nam
from gts_engine.nam import load_model
y = load_model(parse_nam(synthesize_nam("lstm", seed=4))).process(
    np.sin(np.arange(3000, dtype=np.float32) / 30)
)
print(json.dumps({"numba": "numba" in sys.modules, "y": y.tolist()}))
"""


def _render(cache: Path) -> tuple[bool, np.ndarray]:
    """(whether the process imported numba, its output) for a new process using `cache`."""
    done = subprocess.run(
        [sys.executable, "-c", _RENDER],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "NUMBA_CACHE_DIR": str(cache)},
    )
    result = json.loads(done.stdout)
    return bool(result["numba"]), np.asarray(result["y"], np.float32)


def _here() -> np.ndarray:
    model = load_model(parse_nam(synthesize_nam("lstm", seed=4)))
    return model.process(np.sin(np.arange(3000, dtype=np.float32) / 30))


def test_the_first_process_compiles_and_the_next_loads_without_numba(tmp_path: Path) -> None:
    compiled, first = _render(tmp_path)
    assert compiled
    assert sorted(p.suffix for p in tmp_path.glob("gts-native-*")) == [".json", ".o"]
    loaded, second = _render(tmp_path)
    assert not loaded
    assert np.array_equal(first, second)
    assert np.array_equal(first, _here())


def test_an_altered_object_is_compiled_again_not_run(tmp_path: Path) -> None:
    _render(tmp_path)
    (code,) = tmp_path.glob("gts-native-*.o")
    code.write_bytes(code.read_bytes()[:-16] + bytes(16))
    compiled, y = _render(tmp_path)
    assert compiled
    assert np.array_equal(y, _here())
    _, again = _render(tmp_path)
    assert np.array_equal(again, y)


def test_a_cache_that_cannot_be_written_costs_only_the_compile(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    compiled, y = _render(blocked)
    assert compiled
    assert np.array_equal(y, _here())
