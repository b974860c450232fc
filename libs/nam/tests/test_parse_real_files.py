"""parse_nam on real .nam files: facts, metadata, weights."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest

from gts_nam import LstmConfig, WaveNetConfig, parse_nam


def test_real_standard_capture_reads_its_facts(shared_fixtures: Path) -> None:
    data = (shared_fixtures / "nam" / "jcm800_capture3.nam").read_bytes()
    nam = parse_nam(data)
    assert nam.version == "0.5.4"
    assert nam.architecture == "WaveNet"
    assert isinstance(nam.config, WaveNetConfig)
    assert nam.size_preset == "standard"
    assert nam.receptive_field == 4093
    assert nam.sample_rate == 48_000
    assert nam.weights.dtype == np.float32
    assert nam.weights.shape == (13_802,)
    assert not nam.weights.flags.writeable
    assert nam.sha256 == hashlib.sha256(data).hexdigest()
    meta = nam.metadata
    assert meta.name == "JCM800 capture 3"
    assert meta.modeled_by == "szymon"
    assert meta.gear_type == "amp"
    assert meta.tone_type == "overdrive"
    assert meta.loudness == pytest.approx(-20.2529, abs=1e-4)
    assert meta.gain == pytest.approx(0.7562, abs=1e-4)
    assert meta.input_level_dbu is None
    assert meta.date == datetime(2025, 11, 21, 21, 17, 2)
    assert meta.training is not None
    assert meta.training["validation_esr"] == pytest.approx(0.004001, abs=1e-6)


def test_real_nano_is_recognised_as_the_nano_preset(shared_fixtures: Path) -> None:
    nam = parse_nam((shared_fixtures / "nam" / "wavenet_nano.nam").read_bytes())
    assert nam.size_preset == "nano"
    assert nam.metadata.name is None


def test_tiny_wavenet_has_no_preset_and_its_receptive_field(shared_fixtures: Path) -> None:
    nam = parse_nam((shared_fixtures / "nam" / "tiny_wavenet.nam").read_bytes())
    assert nam.size_preset is None
    # Array 1: 1 + 2 * (1 + 2) = 7; array 2: 1 + 2 * 8 = 17; together 7 + 17 - 1.
    assert nam.receptive_field == 23


def test_lstm_file_reads_its_config(shared_fixtures: Path) -> None:
    nam = parse_nam((shared_fixtures / "nam" / "tiny_lstm.nam").read_bytes())
    assert nam.architecture == "LSTM"
    assert nam.config == LstmConfig(input_size=1, hidden_size=3, num_layers=1)
    assert nam.receptive_field == 1
    assert nam.size_preset is None
    assert nam.is_lstm
    assert nam.metadata.input_level_dbu == pytest.approx(18.3)


def test_absent_sample_rate_means_48k(shared_fixtures: Path) -> None:
    text = (shared_fixtures / "nam" / "tiny_lstm.nam").read_text()
    stripped = text.replace('"sample_rate": 48000', '"unused": 0')
    assert stripped != text
    assert parse_nam(stripped.encode()).sample_rate == 48_000
