"""Which uploads are accepted, with the facts read from them, and how the rest are refused:
naming the problem and storing nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import soundfile as sf

from gts_nam import synthesize_a2_container, synthesize_convnet, synthesize_linear, synthesize_nam

from .blobs import bucket_messages
from .conftest import ALICE, BOB, Api
from .wavs import wav


async def test_real_fixtures_are_accepted_with_their_metadata(
    api: Api, shared_fixtures: Path
) -> None:
    jcm = await api.upload(
        ALICE, "jcm800_capture3.nam", (shared_fixtures / "nam" / "jcm800_capture3.nam").read_bytes()
    )
    assert jcm.status_code == 201, jcm.text
    item = jcm.json()
    assert (item["format"], item["architecture"], item["size_preset"]) == (
        "nam",
        "WaveNet",
        "standard",
    )
    assert round(item["metadata"]["loudness"], 2) == -20.25
    assert item["sample_rate"] == 48_000
    assert item["receptive_field"] > 1
    for path in sorted((shared_fixtures / "nam").glob("*.nam")):
        answer = await api.upload(BOB, path.name, path.read_bytes())
        assert answer.status_code == 201, (path.name, answer.text)
        expected = "SlimmableContainer" if path.name == "a2_container.nam" else "WaveNet"
        if path.name == "tiny_lstm.nam":
            expected = "LSTM"
        assert answer.json()["architecture"] == expected, path.name
        if path.name.startswith("a2_"):
            # A2 matches no A1 size preset; its receptive field is the default submodel's
            assert answer.json()["size_preset"] is None
            assert answer.json()["receptive_field"] > 1
    for path in sorted((shared_fixtures / "ir").glob("*.wav")):
        answer = await api.upload(BOB, path.name, path.read_bytes())
        assert answer.status_code == 201, (path.name, answer.text)
        info = sf.info(str(path))
        assert answer.json()["kind"] == "cab-ir"
        assert (answer.json()["sample_rate"], answer.json()["channels"]) == (
            info.samplerate,
            info.channels,
        )
        assert answer.json()["duration_seconds"] == pytest.approx(info.duration, rel=1e-4)


async def test_linear_convnet_and_synthesized_a2_files_are_accepted(api: Api) -> None:
    files = {
        "Linear": (synthesize_linear(512, seed=1), 512),
        "ConvNet": (synthesize_convnet(seed=1), 1_024),
        "SlimmableContainer": (synthesize_a2_container(seed=1), 6_347),
    }
    for architecture, (data, receptive_field) in files.items():
        answer = await api.upload(ALICE, f"{architecture}.nam", data)
        assert answer.status_code == 201, (architecture, answer.text)
        item = answer.json()
        assert (item["architecture"], item["size_preset"]) == (architecture, None)
        assert item["receptive_field"] == receptive_field, architecture


def _nam_document() -> dict[str, object]:
    doc: dict[str, object] = json.loads(synthesize_nam("nano", seed=7))
    return doc


def _weights_one_short() -> bytes:
    doc = _nam_document()
    doc["weights"] = doc["weights"][:-1]  # type: ignore[index]
    return json.dumps(doc).encode()


def _nan_weight() -> bytes:
    doc = _nam_document()
    doc["weights"][3] = float("nan")  # type: ignore[index]
    return json.dumps(doc).encode()  # json writes NaN, as a broken trainer would


def _unknown_architecture() -> bytes:
    doc = _nam_document()
    doc["architecture"] = "Transformer"
    return json.dumps(doc).encode()


def _five_thousand_digit_weight() -> bytes:
    doc = _nam_document()
    doc["weights"][3] = "HUGE"  # type: ignore[index]
    return json.dumps(doc).encode().replace(b'"HUGE"', b"9" * 5000)


def _metadata(**fields: object) -> bytes:
    doc = _nam_document()
    doc["metadata"] = {**doc["metadata"], **fields}  # type: ignore[dict-item]
    return json.dumps(doc).encode()


def _costly(architecture: str, config: dict[str, object], weight_count: int) -> bytes:
    """A well-formed .nam whose config asks for absurd work, every weight count right."""
    doc = _nam_document()
    doc["architecture"] = architecture
    doc["config"] = config
    doc["weights"] = [0.01] * weight_count
    return json.dumps(doc).encode()


def _hostile_wavenet(layers: int) -> bytes:
    array = {
        "input_size": 1, "condition_size": 1, "head_size": 1, "channels": 1, "kernel_size": 64,
        "dilations": [65_536] * layers, "activation": "Tanh", "gated": False, "head_bias": True,
    }  # fmt: skip
    # rechannel 1, per layer conv 64 + bias 1 + mixin 1 + 1x1 1 + bias 1, head 1 + 1, scale 1
    config = {"layers": [array], "head": None, "head_scale": 0.02}
    return _costly("WaveNet", config, 1 + 68 * layers + 3)


def _huge_lstm() -> bytes:
    h = 400  # per layer [W_ih|W_hh] 4h(1+h), bias 4h, h0 h, c0 h; head h + 1
    config = {"input_size": 1, "hidden_size": h, "num_layers": 1}
    return _costly("LSTM", config, 4 * h * (2 + h) + 3 * h + 1)


def _eleven_megabytes() -> bytes:
    good = synthesize_nam("nano", seed=8)
    return good[:-1] + b" " * (11_000_000 - len(good)) + b"}"


MP3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x00" * 500
NANO = synthesize_nam("nano", seed=3)

BAD_FILES = [
    pytest.param("cut.nam", NANO[:5000], 422, "not valid JSON", id="truncated-json"),
    pytest.param("short.nam", _weights_one_short(), 422, "weights", id="weights-one-short"),
    pytest.param("nan.nam", _nan_weight(), 422, "weights", id="nan-weight"),
    pytest.param("new.nam", _unknown_architecture(), 422, "Transformer", id="unknown-architecture"),
    pytest.param("digits.nam", _five_thousand_digit_weight(), 422, "weights[3]", id="5000-digits"),
    pytest.param(
        "year.nam", _metadata(date={"year": 10**30, "month": 1, "day": 1}), 422,
        "metadata.date.year", id="year-10e30",
    ),
    pytest.param(
        "loss.nam", _metadata(training={"loss": float("nan")}), 422,
        "metadata.training.loss", id="nan-in-training",
    ),
    pytest.param(
        "wide.nam", _hostile_wavenet(128), 422,
        "config.layers[0].dilations: receptive field 528,482,305 samples, the limit is 65,536",
        id="128-layers-k64-d65536",
    ),
    pytest.param(
        "wide2.nam", _hostile_wavenet(2), 422,
        "config.layers[0].dilations: receptive field 8,257,537 samples", id="2-layers-k64-d65536",
    ),
    pytest.param(
        "lstm.nam", _huge_lstm(), 422, "config.hidden_size: 642,000 multiply-adds per sample",
        id="lstm-hidden-400",
    ),
    pytest.param(
        "fir.nam", _costly("Linear", {"receptive_field": 70_000, "bias": False}, 70_000), 422,
        "config.receptive_field: 70,000 is above the maximum 65,536", id="linear-70000-taps",
    ),
    pytest.param(
        "conv.nam",
        _costly(
            "ConvNet",
            {"channels": 2, "dilations": [1, 2], "batchnorm": False, "activation": "Tanh",
             "in_channels": 2},
            19,
        ),
        422, "config.in_channels: 2, only 1 is supported", id="convnet-stereo",
    ),
    pytest.param("big.nam", _eleven_megabytes(), 413, "10,000,000 bytes", id="11mb-nam"),
    pytest.param("song.wav", MP3, 422, "not a WAV file", id="mp3-named-wav"),
    pytest.param("empty.wav", b"", 422, "empty", id="zero-length-wav"),
    pytest.param("long.wav", wav(20.0, rate=8_000), 422, "duration", id="20s-ir"),
    pytest.param("../evil.nam", NANO, 422, "path separator", id="path-in-name"),
    pytest.param("dir\\evil.wav", wav(0.1), 422, "path separator", id="backslash-in-name"),
    pytest.param("notes.txt", b"hello", 422, "only .nam captures", id="other-suffix"),
]  # fmt: skip


@pytest.mark.parametrize(("filename", "data", "status", "says"), BAD_FILES)
async def test_bad_file_is_refused_naming_the_problem_and_nothing_is_stored(
    api: Api, nats_url: str, filename: str, data: bytes, status: int, says: str
) -> None:
    answer = await api.upload(ALICE, filename, data)
    assert answer.status_code == status, answer.text
    problem = answer.json()
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert says in problem["detail"]
    assert (await api.request(ALICE, "GET", "/api/v1/gear")).json()["total"] == 0
    assert await bucket_messages(nats_url) == 0


async def test_declared_content_length_over_the_limit_is_refused_before_reading(api: Api) -> None:
    answer = await api.request(
        ALICE,
        "POST",
        "/api/v1/gear",
        content=b"x" * 17_000_000,
        headers={"content-type": "multipart/form-data; boundary=b0undary"},
    )
    assert answer.status_code == 413, answer.text
    assert "Content-Length" in answer.json()["detail"]


async def test_kind_is_taken_from_the_form_and_must_fit_the_format(api: Api) -> None:
    pedal = await api.upload(
        ALICE, "tube screamer.nam", synthesize_nam("nano", seed=14), kind="pedal"
    )
    assert pedal.json()["kind"] == "pedal"
    wrong = await api.upload(ALICE, "cab.wav", wav(0.1), kind="amp")
    assert wrong.status_code == 422
    assert wrong.json()["errors"][0]["field"] == "kind"
    change = await api.request(
        ALICE, "PATCH", f"/api/v1/gear/{pedal.json()['id']}", json={"kind": "cab-ir"}
    )
    assert change.status_code == 422
