"""`gts render` end to end: real DI, real capture, real IRs; bad input writes nothing."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from PIL import Image

from gts_cli.main import main
from gts_engine.audio_io import ffmpeg_exe
from gts_engine.pictures import accent
from gts_engine.testing import WavMaker
from gts_nam import synthesize_nam

RATE = 48_000
FPS = 30  # the video's constant frame rate


def _gts(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exited:
        main(argv)
    out, err = capsys.readouterr()
    return int(exited.value.code or 0), out, err


def _probe(path: Path) -> str:
    done = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-i", str(path)], capture_output=True, text=True, check=False
    )
    return done.stderr


def _frame_chains(video: Path) -> list[tuple[int, int, int]]:
    """The top bar's colour in every frame (the playing chain's accent)."""
    raw = subprocess.run(
        [
            ffmpeg_exe(),
            "-v",
            "error",
            "-i",
            str(video),
            "-vf",
            f"fps={FPS},scale=64:36",
            "-f",
            "rawvideo",
            "-pix_fmt",
            "rgb24",
            "-",
        ],
        capture_output=True,
        check=True,
    ).stdout
    frames = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 36, 64, 3)
    return [tuple(int(v) for v in f[0, 32]) for f in frames]  # type: ignore[misc]


def _frame_times(video: Path) -> list[float]:
    """Presentation times (s) of the frames stored in the video."""
    log = subprocess.run(
        [
            ffmpeg_exe(),
            "-hide_banner",
            "-i",
            str(video),
            "-map",
            "0:v",
            "-vf",
            "showinfo",
            "-fps_mode",
            "passthrough",
            "-f",
            "null",
            "-",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    return [float(t) for t in re.findall(r"pts_time:([\d.]+)", log)]


@pytest.mark.slow
def test_gts_render_on_real_fixtures_makes_every_file_and_a_synced_video(
    shared_fixtures: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    nam = shared_fixtures / "nam" / "jcm800_capture3.nam"
    irs = sorted((shared_fixtures / "ir").glob("*.wav"))
    out = tmp_path / "shootout"
    argv = [
        "render",
        "--di",
        str(shared_fixtures / "audio" / "di_gojira_left.wav"),
        "-o",
        str(out),
        "--segment-seconds",
        "1.5",
    ]
    for ir in irs:
        argv += ["--chain", f"{ir.stem}={nam},{ir}"]
    code, stdout, stderr = _gts(argv, capsys)
    assert code == 0, stderr
    assert "100% video" in stderr
    assert f"to {out}" in stdout
    manifest = json.loads((out / "manifest.json").read_text())
    names = {p.name for p in out.iterdir()}
    assert names == {f["path"] for f in manifest["files"]} | {"manifest.json"}
    assert {"montage.flac", "montage.mp3", "montage.mp4", "spectrum.png"} <= names
    assert len([n for n in names if n.startswith("chain-") and n.endswith(".flac")]) == 2
    assert len([n for n in names if n.startswith("card-")]) == 2
    for f in manifest["files"]:
        if f["kind"] == "chain_audio":
            assert f["metrics"]["integrated_lufs"] == pytest.approx(-14.0, abs=0.05)
            assert f["metrics"]["true_peak_dbtp"] <= -1.0

    info = _probe(out / "montage.mp4")
    assert re.search(r"Video: h264 \(High\).*1920x1080.* 30 fps", info), info
    assert re.search(r"Audio: aac \(LC\).* 48000 Hz, stereo", info), info
    h, m, s = re.search(r"Duration: (\d+):(\d+):([\d.]+)", info).groups()  # type: ignore[union-attr]
    seconds = int(h) * 3600 + int(m) * 60 + float(s)
    assert seconds == pytest.approx(manifest["montage"]["seconds"], abs=0.05)
    mp3 = _probe(out / "montage.mp3")
    assert "Audio: mp3" in mp3

    # every frame shows the card of the chain that is playing; switches within one frame
    timeline = manifest["montage"]["timeline"]
    labels = [c["label"] for c in manifest["chains"]]
    colours = _frame_chains(out / "montage.mp4")
    assert len(timeline) > 2
    for k, colour in enumerate(colours):
        t = (k + 0.5) / FPS
        playing = next((e for e in timeline if e["start_seconds"] <= t < e["end_seconds"]), None)
        if playing is None:
            continue
        near_switch = min(abs(t - e["start_seconds"]) for e in timeline) < 1.0 / FPS
        expected = accent(labels.index(playing["label"]))
        if not near_switch:
            assert max(abs(a - b) for a, b in zip(colour, expected, strict=True)) < 40, (
                k,
                colour,
                expected,
            )
    switch_frames = [
        k
        for k in range(1, len(colours))
        if max(abs(a - b) for a, b in zip(colours[k], colours[k - 1], strict=True)) > 60
    ]
    assert len(switch_frames) == len(timeline) - 1
    for k, entry in zip(switch_frames, timeline[1:], strict=True):
        assert abs(k / FPS - entry["start_seconds"]) <= 1.0 / FPS
    # constant 30 fps: a frame every 1/30 s, as many as the montage lasts (within a frame)
    shown = _frame_times(out / "montage.mp4")
    assert len(shown) == round(manifest["montage"]["seconds"] * FPS)
    assert max(abs(pts - k / FPS) for k, pts in enumerate(shown)) <= 0.0015
    # YouTube's text: one chapter per chain, at the montage's switch to it (to the second)
    text = (out / "youtube.txt").read_text()
    chapters = re.findall(r"^(\d+):(\d\d) (.+)$", text, re.MULTILINE)
    first_switch = {}
    for entry in timeline:
        first_switch.setdefault(entry["label"], entry["start_seconds"])
    assert [c[2] for c in chapters] == list(first_switch)
    for (m, s, label), _ in zip(chapters, timeline, strict=False):
        assert int(m) * 60 + int(s) == round(first_switch[label])
    with Image.open(out / "thumbnail.jpg") as thumbnail:
        assert thumbnail.size == (1280, 720)


@pytest.fixture
def inputs(tmp_path: Path, make_wav: WavMaker, guitar_like) -> dict[str, Path]:  # type: ignore[no-untyped-def]
    folder = tmp_path / "in"
    folder.mkdir()
    paths = {
        "di": folder / "di.wav",
        "nam": folder / "nano.nam",
        "ir": folder / "cab.wav",
        "bad_nam": folder / "broken.nam",
        "bad_ir": folder / "broken.wav",
    }
    paths["di"].write_bytes(make_wav(guitar_like(2.0, RATE, 3), RATE, "PCM_16"))
    paths["nam"].write_bytes(synthesize_nam("nano", seed=4))
    t = np.arange(480) / RATE
    paths["ir"].write_bytes(make_wav(np.exp(-t * 500), RATE))
    paths["bad_nam"].write_text('{"version": "0.5.4", "architecture": "WaveNet"}')
    paths["bad_ir"].write_bytes(b"RIFF\x00\x00\x00\x00WAVEjunk")
    return paths


@pytest.mark.parametrize(
    ("chain", "output", "fragment"),
    [
        ("A={missing},{ir}", "out", "does not exist"),
        ("A={bad_nam},{ir}", "out", "broken.nam"),
        ("A={nam},{bad_ir}", "out", "blocks[1]"),
        ("A={nam}", "out", "needs a cab IR"),
        ("A={ir},{nam}", "out", "must come after the amp"),
        ("A={nam},{ir},{ir}", "out", "2 cab IRs"),
        ("A=effect:fuzz,{nam},{ir}", "out", "unknown effect 'fuzz'"),
        ("A=effect:delay:mix=x,{nam},{ir}", "out", "PARAM=NUMBER"),
        ("A={nam},{ir}", "in/di.wav/out", "does not exist"),
        ("just-a-name", "out", "expected NAME=ITEM"),
    ],
)
def test_bad_input_gives_one_line_error_and_writes_nothing(
    inputs: dict[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    chain: str,
    output: str,
    fragment: str,
) -> None:
    before = sorted(p for p in tmp_path.rglob("*"))
    chain_arg = chain.format(
        missing=tmp_path / "nope.nam", **{k: str(v) for k, v in inputs.items()}
    )
    argv = ["render", "--di", str(inputs["di"]), "--chain", chain_arg, "-o", str(tmp_path / output)]
    code, stdout, stderr = _gts(argv, capsys)
    assert code == 2
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("gts render: error: ")
    assert fragment in lines[0]
    assert stdout == ""
    assert sorted(p for p in tmp_path.rglob("*")) == before


def test_missing_di_and_busy_output_are_refused(
    inputs: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chain = f"A={inputs['nam']},{inputs['ir']}"
    code, _, stderr = _gts(
        ["render", "--di", str(tmp_path / "none.wav"), "--chain", chain, "-o", str(tmp_path / "o")],
        capsys,
    )
    assert code == 2
    assert "--di" in stderr
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "x").write_text("x")
    code, _, stderr = _gts(
        ["render", "--di", str(inputs["di"]), "--chain", chain, "-o", str(busy)], capsys
    )
    assert code == 2
    assert "not an empty folder" in stderr
    assert [p.name for p in busy.iterdir()] == ["x"]


def test_synthetic_render_without_video_or_pictures(
    inputs: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chains = [
        "--chain",
        f"Dry={inputs['nam']},{inputs['ir']}",
        "--chain",
        f"Verb={inputs['nam']},{inputs['ir']},effect:reverb:wet_level=0.3",
    ]
    out = tmp_path / "out"
    code, _, stderr = _gts(
        [
            "render",
            "--di",
            str(inputs["di"]),
            *chains,
            "-o",
            str(out),
            "--no-video",
            "--no-pictures",
            "--blind",
            "--seed",
            "1",
        ],
        capsys,
    )
    assert code == 0, stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "blind_key.json",
        "chain-A.flac",
        "chain-B.flac",
        "manifest.json",
        "montage.flac",
        "montage.mp3",
    ]
    assert sorted(json.loads((out / "blind_key.json").read_text()).values()) == ["Dry", "Verb"]


def test_full_rig_capture_takes_no_ir(
    inputs: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rig = tmp_path / "in" / "rig.nam"
    rig.write_bytes(synthesize_nam("nano", seed=6, gear_type="amp_cab"))
    base = ["render", "--di", str(inputs["di"]), "--no-video", "--no-pictures"]
    code, _, stderr = _gts(
        [*base, "--chain", f"Rig={rig},{inputs['ir']}", "-o", str(tmp_path / "a")], capsys
    )
    assert code == 2
    assert "full-rig capture" in stderr
    assert not (tmp_path / "a").exists()
    code, _, stderr = _gts([*base, "--chain", f"Rig={rig}", "-o", str(tmp_path / "b")], capsys)
    assert code == 0, stderr
    assert (tmp_path / "b" / "manifest.json").is_file()


def test_pedal_capture_runs_before_the_amp(
    inputs: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    drive = tmp_path / "in" / "drive.nam"
    drive.write_bytes(synthesize_nam("nano", seed=7, gear_type="pedal"))
    base = ["render", "--di", str(inputs["di"]), "--no-video", "--no-pictures"]
    late = f"Late={inputs['nam']},{drive},{inputs['ir']}"
    code, _, stderr = _gts([*base, "--chain", late, "-o", str(tmp_path / "a")], capsys)
    assert code == 2
    assert "before the amp" in stderr
    driven = f"Driven={drive},{inputs['nam']},{inputs['ir']}"
    code, _, stderr = _gts([*base, "--chain", driven, "-o", str(tmp_path / "b")], capsys)
    assert code == 0, stderr
    blocks = json.loads((tmp_path / "b" / "manifest.json").read_text())["chains"][0]["blocks"]
    assert [b.split(":")[0] for b in blocks] == ["Pedal", "Amp", "Cab IR"]


def test_a_passage_in_sequence_twice_round_and_full_renders(
    inputs: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["render", "--di", str(inputs["di"]), "--no-video", "--no-pictures"]
    chains = [
        "--chain",
        f"A={inputs['nam']},{inputs['ir']}",
        "--chain",
        f"B={inputs['nam']},{inputs['ir']},effect:reverb",
    ]
    out = tmp_path / "out"
    argv = [*base, *chains, "--start", "0.5", "--end", "1.75", "--montage", "sequence"]
    code, _, stderr = _gts([*argv, "--rounds", "2", "--full-renders", "-o", str(out)], capsys)
    assert code == 0, stderr
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["passage"] == {"start_seconds": 0.5, "end_seconds": 1.75}
    assert (manifest["montage"]["mode"], manifest["montage"]["rounds"]) == ("sequence", 2)
    assert [e["label"] for e in manifest["montage"]["timeline"]] == ["A", "B", "A", "B"]
    kinds = {f["path"]: f["kind"] for f in manifest["files"]}
    assert kinds["chain-01-a.flac"] == "chain_audio"
    assert kinds["chain-01-a.full.flac"] == "chain_full_audio"
    assert sf.info(str(out / "chain-01-a.flac")).frames == round(1.25 * RATE)
    assert sf.info(str(out / "chain-01-a.full.flac")).frames == round(2.0 * RATE)
    assert set(manifest["timings"]) >= {"amp", "loudness", "montage", "total"}
    # a passage past the DI's end is refused in one line, nothing written
    code, _, stderr = _gts([*base, *chains, "--end", "9", "-o", str(tmp_path / "x")], capsys)
    assert code == 2
    assert "end_seconds" in stderr
    assert not (tmp_path / "x").exists()
