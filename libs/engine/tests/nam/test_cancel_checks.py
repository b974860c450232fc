"""A cancel check (through `progress`) is never far away, whatever the model."""

from __future__ import annotations

import json

import numpy as np
import pytest

from gts_engine.nam import load_model
from gts_nam import LstmConfig, NamFile, parse_nam, synthesize_nam


class StopError(Exception):
    pass


def _wide_field() -> NamFile:
    """A tiny WaveNet with a long receptive field: 3 layers of kernel 3 at dilation 8,192."""
    doc = json.loads(synthesize_nam("nano", seed=5))
    array = {
        "input_size": 1, "condition_size": 1, "head_size": 1, "channels": 1, "kernel_size": 3,
        "dilations": [8192, 8192, 8192], "activation": "Tanh", "gated": False, "head_bias": True,
    }  # fmt: skip
    doc["config"] = {"layers": [array], "head": None, "head_scale": 0.02}
    doc["weights"] = [0.01] * (1 + 7 * 3 + 3)
    return parse_nam(json.dumps(doc).encode())


def test_a_wavenet_hears_a_cancel_during_its_silence_run() -> None:
    nam = _wide_field()
    heard: list[float] = []

    def progress(done: float) -> None:
        heard.append(done)
        raise StopError

    with pytest.raises(StopError):
        load_model(nam).process(np.zeros(100, np.float32), progress)
    assert heard == [0.0]  # before any output: during the 49,152 samples of silence


def test_an_lstm_costly_per_sample_checks_in_more_often() -> None:
    doc = json.loads(synthesize_nam("lstm", seed=6))
    config = LstmConfig(input_size=1, hidden_size=96, num_layers=1)
    doc["config"] = {"input_size": 1, "hidden_size": 96, "num_layers": 1}
    rng = np.random.default_rng(1)
    doc["weights"] = [float(v) for v in rng.uniform(-0.1, 0.1, config.weight_count)]
    nam = parse_nam(json.dumps(doc).encode())
    heard: list[float] = []
    x = np.zeros(20_000, np.float32)
    load_model(nam).process(x, heard.append)
    # ~37,000 multiply-adds per sample: a kernel call of 65,536 samples would be 2.4 G
    assert len(heard) >= 3
    assert heard[-1] == 1.0
