from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from gts_engine.job import CachedAmp, RenderCancelledError, RenderOutputError, render_job
from gts_engine.loudness import integrated_loudness, true_peak_dbtp
from gts_engine.nam import AmpCache
from gts_engine.prepare import RenderInputError
from gts_engine.spec import (
    AmpBlock,
    ChainSpec,
    EffectBlock,
    IRBlock,
    RenderJobSpec,
    RenderOptions,
)
from gts_engine.testing import WavMaker
from gts_nam import synthesize_nam

RATE = 48_000


@pytest.fixture
def di_wav(make_wav: WavMaker, guitar_like) -> bytes:  # type: ignore[no-untyped-def]
    return make_wav(guitar_like(6.0, RATE, 1), RATE, "PCM_24")


@pytest.fixture
def cab_wav(make_wav: WavMaker) -> bytes:
    t = np.arange(2400) / RATE
    return make_wav(np.exp(-t * 300) * np.cos(2 * np.pi * 2500 * t), RATE)


def _spec(di: bytes, cab: bytes, **options: object) -> RenderJobSpec:
    nano = synthesize_nam("nano", seed=1)
    feather = synthesize_nam("feather", seed=2)
    chains = [
        ChainSpec("Nano", [AmpBlock(nano, "amp", "nano"), IRBlock(cab, "cab")]),
        ChainSpec(
            "Feather gated",
            [
                EffectBlock("noise_gate", {"threshold_db": -70}),
                AmpBlock(feather, "amp", "feather"),
                IRBlock(cab, "cab"),
                EffectBlock("eq", {"high_gain_db": -3}),
            ],
            input_gain_db=6.0,
        ),
        ChainSpec("Nano hot", [AmpBlock(nano, "amp", "nano"), IRBlock(cab, "cab")], 12.0),
    ]
    return RenderJobSpec(di, chains, RenderOptions(**options), "synth.wav")  # type: ignore[arg-type]


def test_render_job_writes_every_output_loudness_matched(
    tmp_path: Path, di_wav: bytes, cab_wav: bytes
) -> None:
    seen: list[tuple[str, float]] = []
    out = tmp_path / "out"
    result = render_job(
        _spec(di_wav, cab_wav, segment_seconds=2.0),
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
        _spec(di_wav, cab_wav, blind=True, seed=5, video=False, pictures=False),
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


def test_cancel_between_stages_leaves_nothing(
    tmp_path: Path, di_wav: bytes, cab_wav: bytes
) -> None:
    stages: list[str] = []
    with pytest.raises(RenderCancelledError):
        render_job(
            _spec(di_wav, cab_wav),
            tmp_path / "out",
            lambda stage, _: stages.append(stage),
            cancel=lambda: "loudness" in stages,
            amp=CachedAmp(workers=1),
        )
    assert list(tmp_path.iterdir()) == []


def test_failure_mid_render_leaves_nothing(tmp_path: Path, di_wav: bytes, cab_wav: bytes) -> None:
    def broken_amp(*_: object, **__: object) -> np.ndarray:
        raise RuntimeError("inference exploded")

    with pytest.raises(RuntimeError, match="exploded"):
        render_job(_spec(di_wav, cab_wav), tmp_path / "out", amp=broken_amp)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("mutate", "code", "field"),
    [
        (lambda s, c: RenderJobSpec(b"not audio", s.chains), "INVALID_DI", "di"),
        (
            lambda s, c: RenderJobSpec(s.di, [ChainSpec("x", [IRBlock(c)])]),
            "NO_AMP",
            "chains[0] (x).blocks",
        ),
        (
            lambda s, c: RenderJobSpec(s.di, [ChainSpec("x", [AmpBlock(b"{}"), IRBlock(c)])]),
            "INVALID_NAM",
            "chains[0] (x).blocks[0]",
        ),
        (
            lambda s, c: RenderJobSpec(
                s.di, [ChainSpec("x", [AmpBlock(synthesize_nam("nano")), IRBlock(b"RIFF")])]
            ),
            "INVALID_IR",
            "chains[0] (x).blocks[1].file",
        ),
        (
            lambda s, c: RenderJobSpec(
                s.di,
                [ChainSpec("x", [EffectBlock("delay", {"mix": 2}), AmpBlock(b""), IRBlock(c)])],
            ),
            "INVALID_EFFECT",
            "chains[0] (x).blocks[0].delay.mix",
        ),
        (
            lambda s, c: RenderJobSpec(s.di, [s.chains[0], s.chains[0]]),
            "INVALID_CHAINS",
            "chains[1].name",
        ),
        (
            lambda s, c: RenderJobSpec(s.di, s.chains, RenderOptions(target_lufs=0.0)),
            "INVALID_OPTION",
            "options.target_lufs",
        ),
    ],
)
def test_bad_input_is_rejected_before_any_work(
    tmp_path: Path,
    di_wav: bytes,
    cab_wav: bytes,
    mutate,
    code: str,
    field: str,  # type: ignore[no-untyped-def]
) -> None:
    spec = mutate(_spec(di_wav, cab_wav), cab_wav)
    with pytest.raises(RenderInputError) as caught:
        render_job(spec, tmp_path / "out", amp=CachedAmp(workers=1))
    assert caught.value.code == code
    assert caught.value.field == field
    assert list(tmp_path.iterdir()) == []


def test_output_folder_with_files_is_refused(tmp_path: Path, di_wav: bytes, cab_wav: bytes) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "keep.txt").write_text("mine")
    with pytest.raises(RenderOutputError, match="not an empty folder"):
        render_job(_spec(di_wav, cab_wav), tmp_path / "out", amp=CachedAmp(workers=1))
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["keep.txt"]


def test_job_spec_round_trips_through_msgpack(di_wav: bytes, cab_wav: bytes) -> None:
    import msgspec

    spec = _spec(di_wav, cab_wav, blind=True, seed=3)
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
    spec = _spec(di_wav, cab_wav, blind=True, seed=3, video=False, pictures=True)
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

    def recording(nam, audio, sample_rate, *, input_gain_db, di_sha256, progress):  # type: ignore[no-untyped-def]
        out = inner(
            nam,
            audio,
            sample_rate,
            input_gain_db=input_gain_db,
            di_sha256=di_sha256,
            progress=progress,
        )
        heard.append((nam.metadata.name or "amp", input_gain_db, di_sha256 is not None, audio, out))
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
    blocks = result.manifest["chains"][0]["blocks"]
    assert [b.split(":")[0] for b in blocks] == ["Pedal", "Eq", "Pedal", "Amp", "Cab IR"]


def test_a_pedal_capture_after_the_amp_is_refused_before_any_work(
    tmp_path: Path, di_wav: bytes, cab_wav: bytes
) -> None:
    nano = synthesize_nam("nano", seed=1)
    chain = ChainSpec("Late", [AmpBlock(nano, "amp"), AmpBlock(nano, "pedal"), IRBlock(cab_wav)])
    with pytest.raises(RenderInputError) as caught:
        render_job(RenderJobSpec(di_wav, [chain]), tmp_path / "out", amp=CachedAmp(workers=1))
    assert (caught.value.code, caught.value.field) == ("PEDAL_AFTER_AMP", "chains[0] (Late).blocks")
