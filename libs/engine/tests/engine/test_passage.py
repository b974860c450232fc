"""Excerpts and montage modes: a job renders only its passage, and its montage lasts what
`gts_audio.montage_plan` announced before anything rendered."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from gts_audio.montage_plan import plan_montage
from gts_engine.job import AmpInput, CachedAmp, RenderResult, render_job
from gts_engine.prepare import RenderInputError
from gts_engine.spec import AmpBlock, ChainSpec, IRBlock, RenderJobSpec, RenderOptions

RATE = 48_000


def _spec(fixtures: Path, start: float, end: float | None, **options: object) -> RenderJobSpec:
    ir = (fixtures / "ir" / "mesa_os_4x12_57.wav").read_bytes()
    chains = [
        ChainSpec(name, [AmpBlock((fixtures / "nam" / f"{name}.nam").read_bytes()), IRBlock(ir)])
        for name in ("jcm800_capture3", "tiny_wavenet")
    ]
    return RenderJobSpec(
        (fixtures / "audio" / "di_gojira_left.wav").read_bytes(),
        chains,
        RenderOptions(video=False, pictures=False, **options),  # type: ignore[arg-type]
        start_seconds=start,
        end_seconds=end,
    )


def _raw_chains(result: RenderResult) -> list[np.ndarray]:
    """Each chain's render as written, divided by its loudness gain."""
    files = [f for f in result.files if f.kind == "chain_audio"]
    out = []
    for file, gain in zip(files, result.loudness.gains_db, strict=True):
        audio, rate = sf.read(str(result.out_dir / file.path), dtype="float64")
        assert rate == RATE
        out.append(audio / 10.0 ** (gain / 20.0))
    return out


def test_an_excerpt_renders_only_its_passage_as_the_whole_render_does_there(
    shared_fixtures: Path, tmp_path: Path
) -> None:
    whole = render_job(_spec(shared_fixtures, 0.0, None), tmp_path / "whole")
    part = render_job(_spec(shared_fixtures, 1.5, 3.25), tmp_path / "part")
    first, count = round(1.5 * RATE), round(1.75 * RATE)
    for full, excerpt in zip(_raw_chains(whole), _raw_chains(part), strict=True):
        assert excerpt.shape[0] == count
        reference = full[first : first + count]
        scale = float(np.max(np.abs(reference)))
        # the first samples too: the pre-roll settled the amp and the cab before the passage
        assert np.max(np.abs(excerpt[:4800] - reference[:4800])) < 1e-5 * scale
        assert np.max(np.abs(excerpt - reference)) < 1e-5 * scale
    assert (part.manifest.passage.start_seconds, part.manifest.passage.end_seconds) == (1.5, 3.25)


def test_full_renders_keep_each_chain_over_the_whole_di(
    shared_fixtures: Path, tmp_path: Path
) -> None:
    result = render_job(_spec(shared_fixtures, 1.0, 2.5, full_renders=True), tmp_path / "out")
    passages = [f for f in result.files if f.kind == "chain_audio"]
    fulls = [f for f in result.files if f.kind == "chain_full_audio"]
    assert len(fulls) == len(passages) == 2
    di_frames = sf.info(str(shared_fixtures / "audio" / "di_gojira_left.wav")).frames
    for passage, full in zip(passages, fulls, strict=True):
        cut, _ = sf.read(str(result.out_dir / passage.path), dtype="float64")
        whole, _ = sf.read(str(result.out_dir / full.path), dtype="float64")
        assert whole.shape[0] == di_frames
        np.testing.assert_array_equal(cut, whole[RATE : RATE + cut.shape[0]])


@pytest.mark.parametrize(
    ("mode", "rounds", "segment"),
    [("alternate", 1, 1.0), ("alternate", 1, 1.3), ("sequence", 1, 4.0), ("sequence", 2, 4.0)],
)
def test_montage_lasts_what_was_announced(
    shared_fixtures: Path, tmp_path: Path, mode: str, rounds: int, segment: float
) -> None:
    spec = _spec(
        shared_fixtures, 0.25, 3.4, montage_mode=mode, rounds=rounds, segment_seconds=segment
    )
    result = render_job(spec, tmp_path / "out")
    announced = plan_montage(
        round(3.4 * RATE) - round(0.25 * RATE),
        2,
        RATE,
        mode=mode,  # type: ignore[arg-type]
        segment_seconds=segment,
        rounds=rounds,
    )
    montage = sf.info(str(result.out_dir / "montage.flac"))
    assert montage.frames == announced.samples
    assert len(result.timeline) == announced.pieces
    if mode == "sequence":
        # each chain plays the whole passage in turn: one piece per chain per round
        assert [e.window for e in result.timeline] == [r for r in range(rounds) for _ in "ab"]
        assert all(e.source_start_seconds < 0.006 for e in result.timeline)


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [(-1.0, None, "start_seconds"), (3.6, None, "start_seconds"), (2.0, 1.0, "end_seconds"),
     (1.0, 9.0, "end_seconds"), (3.0, None, "start_seconds"), (1.0, 1.5, "end_seconds")],
)  # fmt: skip
def test_a_passage_outside_the_di_or_too_short_is_refused(
    shared_fixtures: Path, tmp_path: Path, start: float, end: float | None, field: str
) -> None:
    with pytest.raises(RenderInputError) as caught:
        render_job(_spec(shared_fixtures, start, end), tmp_path / "out")
    assert caught.value.field == field
    assert not (tmp_path / "out").exists()


def test_rounds_are_for_a_sequence_montage_only(shared_fixtures: Path, tmp_path: Path) -> None:
    with pytest.raises(RenderInputError) as caught:
        render_job(_spec(shared_fixtures, 0.0, None, rounds=2), tmp_path / "out")
    assert caught.value.field == "options.rounds"


def test_each_distinct_amp_runs_once_however_many_irs_follow_it(
    shared_fixtures: Path, tmp_path: Path
) -> None:
    calls: list[str] = []

    def counting_amp(run: AmpInput, progress: Callable[[float], None] | None) -> np.ndarray:
        calls.append(run.nam.sha256)
        return CachedAmp(workers=1)(run, progress)

    amps = [
        (shared_fixtures / "nam" / f"{n}.nam").read_bytes()
        for n in ("tiny_wavenet", "wavenet_nano")
    ]
    irs = [
        (shared_fixtures / "ir" / f"{n}.wav").read_bytes() for n in ("mesa_fav", "mesa_os_4x12_57")
    ]
    chains = [
        ChainSpec(f"{a}{i}", [AmpBlock(capture), IRBlock(cab)])
        for a, capture in enumerate(amps)
        for i, cab in enumerate(irs)
    ]
    # a different input gain is a different render of the same amp
    chains.append(ChainSpec("hot", [AmpBlock(amps[0]), IRBlock(irs[0])], input_gain_db=6.0))
    di = (shared_fixtures / "audio" / "di_gojira_left.wav").read_bytes()
    options = RenderOptions(video=False, pictures=False)
    result = render_job(RenderJobSpec(di, chains, options), tmp_path / "out", amp=counting_amp)
    assert len(calls) == 3
    assert len(set(calls)) == 2
    assert len([f for f in result.files if f.kind == "chain_audio"]) == 5
