"""A render job writes every output, loudness-matched, blind when asked, and runs each
chain's blocks in order."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from gts_engine.job import AmpInput, CachedAmp, render_job
from gts_engine.loudness import integrated_loudness, true_peak_dbtp
from gts_engine.nam import AmpCache
from gts_engine.spec import AmpBlock, ChainSpec, EffectBlock, IRBlock, RenderJobSpec, RenderOptions
from gts_nam import synthesize_nam

from .conftest import RATE, three_chain_spec


def test_render_job_writes_every_output_loudness_matched(
    tmp_path: Path, di_wav: bytes, cab_wav: bytes
) -> None:
    seen: list[tuple[str, float]] = []
    out = tmp_path / "out"
    result = render_job(
        three_chain_spec(di_wav, cab_wav, segment_seconds=2.0),
        out,
        lambda stage, done: seen.append((stage, done)),
        amp=CachedAmp(workers=1),
    )
    manifest = json.loads((out / "manifest.json").read_text())
    listed = {f["path"] for f in manifest["files"]}
    assert listed | {"manifest.json"} == {p.name for p in out.iterdir()}
    kinds = sorted(f["kind"] for f in manifest["files"])
    assert kinds.count("chain_audio") == 3
    assert kinds.count("card") == 3
    assert {"montage_audio", "montage_video", "spectrum_plot"} <= set(kinds)
    import soundfile as sf

    loudness = []
    for f in manifest["files"]:
        if f["kind"] == "chain_audio":
            audio, rate = sf.read(out / f["path"], dtype="float32")
            assert rate == RATE
            assert f["duration_seconds"] == pytest.approx(6.0)
            loudness.append(integrated_loudness(audio, rate))
            assert true_peak_dbtp(audio) <= -1.0 + 1e-3  # 24-bit FLAC rounding
            assert f["metrics"]["integrated_lufs"] == pytest.approx(loudness[-1], abs=0.01)
    assert max(loudness) - min(loudness) <= 0.1
    montage = manifest["montage"]
    assert len(montage["windows"]) == 3
    assert [e["label"] for e in montage["timeline"][:3]] == ["Nano", "Feather gated", "Nano hot"]
    stages = [s for s, _ in seen]
    assert stages.index("amp") < stages.index("loudness") < stages.index("montage")
    assert stages.index("montage") < stages.index("video")
    fractions = [d for _, d in seen]
    assert fractions == sorted(fractions)
    assert fractions[-1] == 1.0
    assert result.out_dir == out
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_blind_render_hides_names_and_keeps_a_key(
    tmp_path: Path, di_wav: bytes, cab_wav: bytes
) -> None:
    out = tmp_path / "blind"
    result = render_job(
        three_chain_spec(di_wav, cab_wav, blind=True, seed=5, video=False, pictures=False),
        out,
        amp=CachedAmp(workers=1),
    )
    key = json.loads((out / "blind_key.json").read_text())
    assert sorted(key) == ["A", "B", "C"]
    assert sorted(key.values()) == ["Feather gated", "Nano", "Nano hot"]
    assert result.blind_key == key
    manifest_text = (out / "manifest.json").read_text()
    assert "Feather" not in manifest_text
    assert not list(out.glob("*.mp4"))
    assert not list(out.glob("*.png"))
    assert sorted(p.name for p in out.glob("chain-*.flac")) == [
        "chain-A.flac",
        "chain-B.flac",
        "chain-C.flac",
    ]


def test_shared_amp_renders_once_through_the_cache(
    tmp_path: Path, di_wav: bytes, cab_wav: bytes
) -> None:
    nano = synthesize_nam("nano", seed=1)
    chains = [
        ChainSpec("Cab 1", [AmpBlock(nano), IRBlock(cab_wav)]),
        ChainSpec("Cab 1 normalized EQ", [AmpBlock(nano), IRBlock(cab_wav), EffectBlock("eq")]),
    ]
    cache = AmpCache()
    spec = RenderJobSpec(di_wav, chains, RenderOptions(video=False, pictures=False))
    render_job(spec, tmp_path / "out", amp=CachedAmp(cache, workers=1))
    assert len(cache) == 1


def test_job_spec_round_trips_through_msgpack(di_wav: bytes, cab_wav: bytes) -> None:
    import msgspec

    spec = three_chain_spec(di_wav, cab_wav, blind=True, seed=3)
    decoded = msgspec.msgpack.decode(msgspec.msgpack.encode(spec), type=RenderJobSpec)
    assert decoded == spec
    assert [type(b).__name__ for b in decoded.chains[1].blocks] == [
        "EffectBlock",
        "AmpBlock",
        "IRBlock",
        "EffectBlock",
    ]


def test_blind_cards_take_their_colour_from_the_letter_not_the_chain_order(
    tmp_path: Path, di_wav: bytes, cab_wav: bytes
) -> None:
    from PIL import Image

    from gts_engine.pictures import accent

    out = tmp_path / "blind-cards"
    spec = three_chain_spec(di_wav, cab_wav, blind=True, seed=3, video=False, pictures=True)
    result = render_job(spec, out, amp=CachedAmp(workers=1))
    key = result.blind_key
    assert key is not None
    names = [c.name for c in spec.chains]
    assert [names.index(key[x]) for x in "ABC"] != [0, 1, 2]  # the shuffle moved something
    for n, letter in enumerate("ABC"):
        with Image.open(out / f"card-{letter}.png") as card:
            assert card.convert("RGB").getpixel((10, 10)) == accent(n), letter


def test_pedal_captures_run_in_order_before_the_amp(
    tmp_path: Path, di_wav: bytes, cab_wav: bytes
) -> None:
    drive = synthesize_nam("nano", seed=7, gear_type="pedal", name="Drive")
    boost = synthesize_nam("nano", seed=8, gear_type="pedal", name="Boost")
    amp_nam = synthesize_nam("nano", seed=1, name="Amp")
    heard: list[tuple[str, float, bool, np.ndarray, np.ndarray]] = []
    inner = CachedAmp(workers=1)

    def recording(run: AmpInput, progress: Callable[[float], None] | None) -> np.ndarray:
        out = inner(run, progress)
        name = run.nam.metadata.name or "amp"
        heard.append((name, run.input_gain_db, run.di_sha256 is not None, run.audio, out))
        return out

    chain = ChainSpec(
        "Drive into amp",
        [
            AmpBlock(drive, "pedal", "drive"),
            EffectBlock("eq", {"high_gain_db": -6}),
            AmpBlock(boost, "pedal", "boost"),
            AmpBlock(amp_nam, "amp", "amp"),
            IRBlock(cab_wav, "cab"),
        ],
        input_gain_db=-3.0,
    )
    spec = RenderJobSpec(di_wav, [chain], RenderOptions(video=False, pictures=False))
    result = render_job(spec, tmp_path / "out", amp=recording)
    assert [(name, gain, from_di) for name, gain, from_di, _, _ in heard] == [
        ("Drive", -3.0, True),
        ("Boost", 0.0, False),
        ("Amp", 0.0, False),
    ]
    # the boost hears the drive after the EQ, and the amp hears the boost as it came out
    assert not np.array_equal(heard[1][3], heard[0][4])
    assert np.array_equal(heard[2][3], heard[1][4])
    blocks = result.manifest.chains[0].blocks
    assert [b.split(":")[0] for b in blocks] == ["Pedal", "Eq", "Pedal", "Amp", "Cab IR"]


def test_chains_that_share_a_capture_or_an_ir_share_its_one_reading(
    di_wav: bytes, cab_wav: bytes
) -> None:
    from gts_engine.prepare import PreparedAmp, PreparedIR, prepare_job

    nano, feather, nano_hot = prepare_job(three_chain_spec(di_wav, cab_wav)).chains
    amps = [
        next(b for b in c.blocks if isinstance(b, PreparedAmp)) for c in (nano, feather, nano_hot)
    ]
    irs = [
        next(b for b in c.blocks if isinstance(b, PreparedIR)) for c in (nano, feather, nano_hot)
    ]
    assert amps[0].nam is amps[2].nam  # "Nano" and "Nano hot": one capture, parsed once
    assert amps[0].nam is not amps[1].nam
    assert irs[0].ir is irs[1].ir is irs[2].ir


@pytest.mark.parametrize("full", [False, True])
def test_chains_that_share_one_amp_render_are_each_matched_once(
    tmp_path: Path, di_wav: bytes, full: bool
) -> None:
    # "Rig" and "Rig again" have nothing after the shared full rig: their passages are one
    # array, which matching must not scale in place (twice); "Rig EQ" has its own array
    rig = synthesize_nam("nano", seed=1)
    chains = [
        ChainSpec(name, [AmpBlock(rig, "amp-cab"), *extra])
        for name, extra in (("Rig", []), ("Rig EQ", [EffectBlock("eq")]), ("Rig again", []))
    ]
    options = RenderOptions(video=False, pictures=False, full_renders=full)
    out = tmp_path / "out"
    render_job(RenderJobSpec(di_wav, chains, options), out, amp=CachedAmp(workers=1))
    import soundfile as sf

    files = json.loads((out / "manifest.json").read_text())["files"]
    for kind in ("chain_audio", "chain_full_audio") if full else ("chain_audio",):
        rendered = [sf.read(out / f["path"], dtype="float32") for f in files if f["kind"] == kind]
        assert len(rendered) == 3
        loudness = [integrated_loudness(audio, rate) for audio, rate in rendered]
        assert max(loudness) - min(loudness) <= 0.1, (kind, loudness)
        np.testing.assert_array_equal(rendered[0][0], rendered[2][0])
