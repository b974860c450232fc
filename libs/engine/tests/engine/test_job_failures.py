"""A render job that is cancelled, fails or is given bad input stops before or during the
work, names why, and leaves nothing behind."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from gts_engine.job import CachedAmp, RenderCancelledError, RenderOutputError, render_job
from gts_engine.prepare import RenderInputError
from gts_engine.spec import AmpBlock, ChainSpec, EffectBlock, IRBlock, RenderJobSpec, RenderOptions
from gts_nam import synthesize_nam

from .conftest import three_chain_spec


def _children() -> set[int]:
    """The processes this one started that are still there (the AAC encoder's, say)."""
    return {
        int(pid)
        for task in Path("/proc/self/task").iterdir()
        for pid in (task / "children").read_text().split()
    }


@pytest.mark.parametrize("stage", ["loudness", "montage", "video"])
def test_cancel_between_stages_leaves_nothing(
    tmp_path: Path, di_wav: bytes, cab_wav: bytes, stage: str
) -> None:
    before = _children()
    stages: list[str] = []
    with pytest.raises(RenderCancelledError):
        render_job(
            three_chain_spec(di_wav, cab_wav),
            tmp_path / "out",
            lambda stage, _: stages.append(stage),
            cancel=lambda: stage in stages,
            amp=CachedAmp(workers=1),
        )
    assert list(tmp_path.iterdir()) == []
    assert _children() <= before


def test_failure_mid_render_leaves_nothing(tmp_path: Path, di_wav: bytes, cab_wav: bytes) -> None:
    def broken_amp(*_: object, **__: object) -> np.ndarray:
        raise RuntimeError("inference exploded")

    before = _children()
    with pytest.raises(RuntimeError, match="exploded"):
        render_job(three_chain_spec(di_wav, cab_wav), tmp_path / "out", amp=broken_amp)
    assert list(tmp_path.iterdir()) == []
    assert _children() <= before


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
    spec = mutate(three_chain_spec(di_wav, cab_wav), cab_wav)
    with pytest.raises(RenderInputError) as caught:
        render_job(spec, tmp_path / "out", amp=CachedAmp(workers=1))
    assert caught.value.code == code
    assert caught.value.field == field
    assert list(tmp_path.iterdir()) == []


def test_output_folder_with_files_is_refused(tmp_path: Path, di_wav: bytes, cab_wav: bytes) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "keep.txt").write_text("mine")
    with pytest.raises(RenderOutputError, match="not an empty folder"):
        render_job(three_chain_spec(di_wav, cab_wav), tmp_path / "out", amp=CachedAmp(workers=1))
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["keep.txt"]


def test_a_pedal_capture_after_the_amp_is_refused_before_any_work(
    tmp_path: Path, di_wav: bytes, cab_wav: bytes
) -> None:
    nano = synthesize_nam("nano", seed=1)
    chain = ChainSpec("Late", [AmpBlock(nano, "amp"), AmpBlock(nano, "pedal"), IRBlock(cab_wav)])
    with pytest.raises(RenderInputError) as caught:
        render_job(RenderJobSpec(di_wav, [chain]), tmp_path / "out", amp=CachedAmp(workers=1))
    assert (caught.value.code, caught.value.field) == ("PEDAL_AFTER_AMP", "chains[0] (Late).blocks")
