"""`gts nam` end to end through the `gts` parser."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from gts_cli.stack.processes import venv_bin
from gts_engine.nam import load_model
from gts_nam import parse_nam, synthesize_nam
from gts_nam.synthesize_slimmable import synthesize_slimmable_wavenet

from .gts_invoke import gts_run


@pytest.fixture
def model_file(tmp_path: Path) -> Path:
    path = tmp_path / "nano.nam"
    path.write_bytes(synthesize_nam("nano", seed=2))
    return path


def _tone(rate: int, seconds: float = 0.5, channels: int = 1) -> np.ndarray:
    t = np.arange(int(rate * seconds)) / rate
    mono = (0.3 * np.sin(2 * np.pi * 110 * t)).astype(np.float32)
    return np.stack([mono * (c + 1) / channels for c in range(channels)], axis=1)


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """Half a second of a 110 Hz tone: a 48 kHz mono 24-bit WAV file."""
    path = tmp_path / "in.wav"
    sf.write(path, _tone(48_000), 48_000, subtype="PCM_24")
    return path


def test_writes_the_raw_model_output_as_float_wav(
    model_file: Path, source: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.wav"
    assert gts_run("nam", str(model_file), str(source), "-o", str(out), "--workers", "1") == 0
    info = sf.info(out)
    assert (info.samplerate, info.channels, info.subtype) == (48_000, 1, "FLOAT")
    y, _ = sf.read(out, dtype="float32")
    x, _ = sf.read(source, dtype="float32")
    expected = load_model(parse_nam(model_file.read_bytes())).process(x)
    assert np.array_equal(y, expected)


def test_stereo_at_another_rate_comes_back_mono_at_its_rate_and_length(
    model_file: Path, tmp_path: Path
) -> None:
    source = tmp_path / "in.wav"
    frames = _tone(44_100, channels=2)
    sf.write(source, frames, 44_100, subtype="FLOAT")
    out = tmp_path / "out.wav"
    assert gts_run("nam", str(model_file), str(source), "-o", str(out)) == 0
    y, rate = sf.read(out, dtype="float32")
    assert rate == 44_100
    assert y.shape == (frames.shape[0],)
    assert np.sqrt(np.mean(y**2)) > 1e-3


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("missing_model", "gts nam: model: "),
        ("malformed_model", "weights: 841 values, the config needs 842"),
        ("missing_input", "gts nam: input: "),
        ("text_input", "is not a readable audio file"),
    ],
)
def test_bad_input_is_one_line_on_stderr_and_no_output(
    model_file: Path,
    source: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    setup: str,
    message: str,
) -> None:
    model = model_file
    if setup == "missing_model":
        model = tmp_path / "absent.nam"
    elif setup == "malformed_model":
        doc = json.loads(model_file.read_bytes())
        doc["weights"].pop()
        model.write_text(json.dumps(doc))
    elif setup == "missing_input":
        source = tmp_path / "absent.wav"
    else:
        source = tmp_path / "notes.wav"
        source.write_text("just text")
    out = tmp_path / "out.wav"
    assert gts_run("nam", str(model), str(source), "-o", str(out)) == 1
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1
    assert not out.exists()
    assert not list(tmp_path.glob(".out.wav.*"))


def test_output_into_a_missing_folder_is_a_one_line_error(
    model_file: Path, source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "absent" / "out.wav"
    assert gts_run("nam", str(model_file), str(source), "-o", str(out)) == 1
    assert capsys.readouterr().err == f"gts nam: output: folder {out.parent} does not exist\n"


def test_output_over_a_folder_is_a_one_line_error(
    model_file: Path, source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "taken"
    out.mkdir()
    assert gts_run("nam", str(model_file), str(source), "-o", str(out)) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"gts nam: output: cannot write {out}")
    assert err.count("\n") == 1
    assert not list(tmp_path.glob(".taken.*"))


def test_timings_report_each_phase_in_seconds_as_one_json_line(
    model_file: Path, source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.wav"
    argv = ("nam", str(model_file), str(source), "-o", str(out), "--workers", "1", "--timings")
    assert gts_run(*argv) == 0
    phases = json.loads(capsys.readouterr().err.strip().splitlines()[-1])
    assert list(phases) == ["imports", "model_load", "read_input", "engine", "write", "total"]
    assert all(seconds >= 0 for seconds in phases.values())
    assert phases["total"] == pytest.approx(sum(phases.values()) - phases["total"], abs=1e-3)


@pytest.mark.parametrize(("slim", "suffix"), [(None, ""), ("0", "__slim0")])
def test_slim_picks_the_a2_submodel_nam_core_would(
    shared_fixtures: Path, tmp_path: Path, slim: str | None, suffix: str
) -> None:
    model = shared_fixtures / "nam" / "a2_container.nam"
    source = shared_fixtures / "audio" / "nam_core_input.wav"
    out = tmp_path / "out.wav"
    extra = [] if slim is None else ["--slim", slim]
    assert gts_run("nam", str(model), str(source), "-o", str(out), *extra) == 0
    y, _ = sf.read(out, dtype="float32")
    reference = shared_fixtures / "reference" / f"a2_container{suffix}__nam_core_input.wav"
    expected, _ = sf.read(reference, dtype="float32")
    assert float(np.max(np.abs(y - expected))) <= 1e-5


def test_slim_on_a_model_without_submodels_is_an_error(
    model_file: Path, source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.wav"
    assert gts_run("nam", str(model_file), str(source), "-o", str(out), "--slim", "0.5") == 1
    assert "slim: the model is not slimmable" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize("slim", ["0", "0.5", "1"])
def test_slim_runs_a_slimmable_wavenet_at_the_channels_it_picks(
    source: Path, tmp_path: Path, slim: str
) -> None:
    model = tmp_path / "slimmable.nam"
    model.write_bytes(synthesize_slimmable_wavenet(1))
    out = tmp_path / "out.wav"
    assert gts_run("nam", str(model), str(source), "-o", str(out), "--slim", slim) == 0
    y, _ = sf.read(out, dtype="float32")
    x, _ = sf.read(source, dtype="float32")
    nam = parse_nam(model.read_bytes()).with_slim(float(slim))
    np.testing.assert_array_equal(y, load_model(nam).process(x))


def test_the_installed_command_exits_with_its_code_and_complete_files(
    model_file: Path, source: Path, tmp_path: Path
) -> None:
    """`gts nam` skips the interpreter's teardown: its exit code, messages and output file
    must all be there anyway."""
    out = tmp_path / "out.wav"
    ok = subprocess.run(
        [venv_bin("gts"), "nam", str(model_file), str(source), "-o", str(out), "--timings"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert ok.returncode == 0, ok.stderr
    assert set(json.loads(ok.stderr.strip().splitlines()[-1])) >= {"engine", "total"}
    assert sf.info(out).frames == 24_000
    bad = subprocess.run(
        [venv_bin("gts"), "nam", str(tmp_path / "missing.nam"), str(source), "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 1
    assert bad.stderr.startswith("gts nam: model:")
