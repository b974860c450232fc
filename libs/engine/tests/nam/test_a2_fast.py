"""a2_fast (preallocated im2col blocks) equals wavenet_a2's general code on every option it
runs: gating modes, per-channel PReLU, head 1x1, no layer 1x1, grouped convs, array heads
with kernels and dilations, a post-stack head and a condition model."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from gts_engine.nam.a2_fast import A2FastStream, supports
from gts_engine.nam.wavenet_a2 import A2Stream, A2WaveNetRunner
from gts_nam import parse_nam
from gts_nam.a2_config import A2Config, A2WaveNet

from .test_split_a2 import _array, _every_span, _wavenet

BOUND = 1e-6  # float32 rounding: one matmul per layer sums in another order


def _gates() -> A2WaveNet:
    array = _array(1, 1, 4, 1, [(3, 1), (2, 4), (4, 2), (2, 1)], 2)
    array.update(
        {
            "gating_mode": ["gated", "blended", "none", "none"],
            "activation": [
                "Tanh",
                {"type": "PReLU", "negative_slopes": [0.1, 0.3, 0.0, 0.9]},
                {"type": "LeakyReLU", "negative_slope": 0.2},
                "Softsign",
            ],
            "secondary_activation": ["Sigmoid", {"type": "LeakyHardtanh"}, None, None],
            "head1x1": {"active": True, "out_channels": 3, "groups": 1},
            "groups_input": 2,
        }
    )
    config = {"layers": [array], "head": None, "head_scale": 0.7}
    return _a2(_wavenet(config, np.random.default_rng(11)))


def _plain() -> A2WaveNet:
    array = _array(1, 1, 3, 1, [(5, 3), (2, 1)], 1)
    array.update({"layer1x1": {"active": False, "groups": 1}, "activation": "Hardtanh"})
    config = {"layers": [array], "head": None, "head_scale": 0.5}
    return _a2(_wavenet(config, np.random.default_rng(12)))


def _a2(doc: dict[str, Any]) -> A2WaveNet:
    config = parse_nam(json.dumps(doc).encode()).config
    assert isinstance(config, A2Config)
    return config.selected


def _container(shared_fixtures: Path, slim: float | None) -> A2WaveNet:
    nam = parse_nam((shared_fixtures / "nam" / "a2_container.nam").read_bytes())
    config = (nam if slim is None else nam.with_slim(slim)).config
    assert isinstance(config, A2Config)
    return config.selected


def _run(stream: A2FastStream | A2Stream, u: np.ndarray, block: int) -> np.ndarray:
    y = np.empty_like(u)
    for start in range(0, u.shape[0], block):
        stream.process_block(u[start : start + block], y[start : start + block])
    return y


@pytest.mark.parametrize("kind", ["every_span", "gates", "plain", "full", "lite"])
def test_fast_path_equals_the_general_code(shared_fixtures: Path, kind: str) -> None:
    if kind in ("full", "lite"):
        model = _container(shared_fixtures, None if kind == "full" else 0.0)
    elif kind == "every_span":
        config = _every_span().config
        assert isinstance(config, A2Config)
        model = config.selected
    else:
        model = _gates() if kind == "gates" else _plain()
    assert supports(model)
    runner = A2WaveNetRunner(model)
    u = (0.5 * np.random.default_rng(13).standard_normal(7_000)).astype(np.float32)
    general = _run(A2Stream(runner), u, 8_192)
    for block in (1_000, 4_096):
        fast = _run(A2FastStream(runner, block), u, block)
        scale = max(1.0, float(np.max(np.abs(general))))
        assert float(np.max(np.abs(fast - general))) <= BOUND * scale


def test_models_with_a_film_run_in_the_general_code(shared_fixtures: Path) -> None:
    nam = parse_nam((shared_fixtures / "nam" / "a2_wavenet_max.nam").read_bytes())
    assert isinstance(nam.config, A2Config)
    assert not supports(nam.config.selected)
