"""`gts render` on synthetic inputs: chains, passages and blind renders; bad input writes
nothing."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from gts_engine.testing import WavMaker
from gts_nam import synthesize_nam

from .gts_invoke import gts_main

RATE = 48_000


@pytest.fixture
def inputs(tmp_path: Path, make_wav: WavMaker, guitar_like) -> dict[str, Path]:  # type: ignore[no-untyped-def]
    folder = tmp_path / "in"
    folder.mkdir()
    paths = {
        "di": folder / "di.wav",
        "nam": folder / "nano.nam",
        "rig": folder / "rig.nam",
        "drive": folder / "drive.nam",
        "ir": folder / "cab.wav",
        "bad_nam": folder / "broken.nam",
        "bad_ir": folder / "broken.wav",
    }
    paths["di"].write_bytes(make_wav(guitar_like(2.0, RATE, 3), RATE, "PCM_16"))
    paths["nam"].write_bytes(synthesize_nam("nano", seed=4))
    paths["rig"].write_bytes(synthesize_nam("nano", seed=6, gear_type="amp_cab"))
    paths["drive"].write_bytes(synthesize_nam("nano", seed=7, gear_type="pedal"))
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
        ("A={rig},{ir}", "out", "full-rig capture"),
        ("A={nam},{drive},{ir}", "out", "before the amp"),
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
    code, stdout, stderr = gts_main(argv, capsys)
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
    code, _, stderr = gts_main(
        ["render", "--di", str(tmp_path / "none.wav"), "--chain", chain, "-o", str(tmp_path / "o")],
        capsys,
    )
    assert code == 2
    assert "--di" in stderr
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "x").write_text("x")
    code, _, stderr = gts_main(
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
    code, _, stderr = gts_main(
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
        "montage.m4a",
    ]
    assert sorted(json.loads((out / "blind_key.json").read_text()).values()) == ["Dry", "Verb"]


@pytest.mark.parametrize(
    ("chain", "kinds"),
    [
        ("Rig={rig}", ["Full rig"]),  # a full-rig capture takes no IR
        ("Driven={drive},{nam},{ir}", ["Pedal", "Amp", "Cab IR"]),  # a pedal before the amp
    ],
)
def test_captures_render_in_their_place_in_the_chain(
    inputs: dict[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    chain: str,
    kinds: list[str],
) -> None:
    chain_arg = chain.format(**{k: str(v) for k, v in inputs.items()})
    out = tmp_path / "out"
    argv = ["render", "--di", str(inputs["di"]), "--no-video", "--no-pictures"]
    code, _, stderr = gts_main([*argv, "--chain", chain_arg, "-o", str(out)], capsys)
    assert code == 0, stderr
    blocks = json.loads((out / "manifest.json").read_text())["chains"][0]["blocks"]
    assert [b.split(":")[0] for b in blocks] == kinds


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
    code, _, stderr = gts_main([*argv, "--rounds", "2", "--full-renders", "-o", str(out)], capsys)
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
    code, _, stderr = gts_main([*base, *chains, "--end", "9", "-o", str(tmp_path / "x")], capsys)
    assert code == 2
    assert "end_seconds" in stderr
    assert not (tmp_path / "x").exists()
