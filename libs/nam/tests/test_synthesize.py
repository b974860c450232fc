"""synthesize_nam makes valid, seeded, reproducible files of every kind."""

from __future__ import annotations

import json

import numpy as np
import pytest

from gts_nam import (
    SYNTH_KINDS,
    WAVENET_PRESETS,
    parse_nam,
    synthesize_a2_container,
    synthesize_nam,
)
from gts_nam.config import LstmConfig, WaveNetConfig
from gts_nam.layout import unpack_lstm, unpack_wavenet

PRESET_WEIGHTS = {"standard": 13_802, "lite": 6_554, "feather": 3_026, "nano": 842}


@pytest.mark.parametrize("kind", SYNTH_KINDS)
def test_every_kind_parses_back(kind: str) -> None:
    nam = parse_nam(synthesize_nam(kind, seed=7))
    if kind == "lstm":
        assert nam.architecture == "LSTM"
        assert nam.size_preset is None
    else:
        assert nam.size_preset == kind
        assert nam.weights.size == PRESET_WEIGHTS[kind]
        assert nam.receptive_field == 4093


def test_same_seed_gives_the_same_bytes_and_another_seed_other_weights() -> None:
    assert synthesize_nam("lite", seed=3) == synthesize_nam("lite", seed=3)
    a = parse_nam(synthesize_nam("lite", seed=3))
    b = parse_nam(synthesize_nam("lite", seed=4))
    assert a.sha256 != b.sha256
    assert not np.array_equal(a.weights, b.weights)


def test_metadata_is_written_into_the_file() -> None:
    nam = parse_nam(synthesize_nam("nano", seed=1, name="Plexi", loudness=-17.5, gear_make="M"))
    assert nam.metadata.name == "Plexi"
    assert nam.metadata.loudness == -17.5
    assert nam.metadata.gear_make == "M"
    assert nam.metadata.date is not None


def test_unknown_kind_and_metadata_field_are_refused() -> None:
    with pytest.raises(ValueError, match="kind: 'huge' is not one of"):
        synthesize_nam("huge")
    with pytest.raises(TypeError, match="unknown metadata field 'colour'"):
        synthesize_nam("nano", colour="red")


def test_head_scale_weight_matches_the_config_and_layout_round_trips() -> None:
    doc = json.loads(synthesize_nam("standard", seed=2))
    nam = parse_nam(json.dumps(doc).encode())
    assert isinstance(nam.config, WaveNetConfig)
    unpacked = unpack_wavenet(nam.config, nam.weights)
    assert unpacked.head_scale == pytest.approx(doc["config"]["head_scale"])
    assert np.array_equal(unpacked.flatten(), nam.weights)
    assert nam.config.layers == WAVENET_PRESETS["standard"].layers


def test_lstm_layout_round_trips() -> None:
    nam = parse_nam(synthesize_nam("lstm", seed=2))
    assert isinstance(nam.config, LstmConfig)
    assert np.array_equal(unpack_lstm(nam.config, nam.weights).flatten(), nam.weights)


def test_a_synthesized_a2_container_is_full_by_default_and_lite_at_slim_0() -> None:
    data = synthesize_a2_container(seed=1)
    assert data == synthesize_a2_container(seed=1)
    nam = parse_nam(data)
    assert (nam.architecture, nam.is_a2) == ("SlimmableContainer", True)
    assert nam.weights.size == 12_146  # 8 channels
    assert nam.with_slim(0.0).weights.size == 1_871  # 3 channels
    assert nam.with_slim(0.5).weights.size == 1_871
    assert nam.with_slim(0.51).weights.size == 12_146
