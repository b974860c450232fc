"""`gts render` end to end on real fixtures: real DI, real capture, real IRs; every file
is written and the video is in sync with the montage."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from gts_engine.audio_io import ffmpeg_exe
from gts_engine.pictures import accent

from .gts_invoke import gts_main

FPS = 30  # the video's constant frame rate


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
    code, stdout, stderr = gts_main(argv, capsys)
    assert code == 0, stderr
    assert "100% video" in stderr
    assert f"to {out}" in stdout
    manifest = json.loads((out / "manifest.json").read_text())
    names = {p.name for p in out.iterdir()}
    assert names == {f["path"] for f in manifest["files"]} | {"manifest.json"}
    assert {"montage.flac", "montage.m4a", "montage.mp4", "spectrum.png"} <= names
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
    m4a = _probe(out / "montage.m4a")
    assert re.search(r"Audio: aac \(LC\).* 48000 Hz, mono", m4a), m4a
    assert "Video:" not in m4a

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
