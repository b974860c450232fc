"""`gts bench render` end to end through the `gts` parser."""

from __future__ import annotations

import contextlib
import json
import sys
import types

import numpy as np
import pytest
import threadpoolctl  # type: ignore[import-untyped]

from gts_nam import parse_nam

from .gts_invoke import gts_run


def _bench_lines(
    capsys: pytest.CaptureFixture[str], seconds: str, kinds: str, nam_seconds: str
) -> list[str]:
    """The lines `gts bench render` prints, run once over `seconds` of audio per kind."""
    code = gts_run(
        "bench", "render", "--seconds", seconds, "--repeat", "1", "--kinds", kinds,
        "--nam-seconds", nam_seconds,
    )  # fmt: skip
    assert code == 0
    return capsys.readouterr().out.splitlines()


def test_bench_render_splits_the_gts_nam_subprocess_into_its_phases(
    capsys: pytest.CaptureFixture[str],
) -> None:
    lines = _bench_lines(capsys, "0.5", "nano", "1")
    start = next(i for i, line in enumerate(lines) if line.startswith("gts nam, A1 standard"))
    assert "over 1 s" in lines[start]
    labels = [line.rsplit(maxsplit=3)[0].strip() for line in lines[start + 1 :]]
    assert labels == [
        "start-up and exit", "imports", "model load", "reading the input", "engine", "writing"
    ]  # fmt: skip


def test_bench_render_prints_a_factor_per_model(capsys: pytest.CaptureFixture[str]) -> None:
    kinds = ("nano", "a2-full", "a2-lite", "lstm", "convnet", "linear")
    lines = _bench_lines(capsys, "0.3", ",".join(kinds), "0")
    # the BLAS library numpy runs on, and its kernel when the library names one
    blas = [i for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"]
    assert f"BLAS: {blas[0]['internal_api']} " in lines[0]
    if blas[0].get("architecture"):
        assert f"kernel {blas[0]['architecture']}" in lines[0]
    assert lines[1].split()[:5] == ["model", "weights", "all", "cores", "1"]
    rows = {line.split()[0]: line.split() for line in lines[2:]}
    assert tuple(rows) == kinds
    for row in rows.values():
        # weights, then both figures: all cores and one process
        assert len(row) == 4
        assert all(figure.endswith("x") and float(figure[:-1]) > 0 for figure in row[2:])
    # A2 full is the container's largest submodel, lite its slim-0 one
    assert rows["a2-full"][1] == "12,146"
    assert rows["a2-lite"][1] == "1,871"


def test_bench_render_refuses_an_unknown_kind(capsys: pytest.CaptureFixture[str]) -> None:
    assert gts_run("bench", "render", "--kinds", "huge") == 2
    assert "unknown kind 'huge'" in capsys.readouterr().err


def test_bench_render_shows_the_official_figure_and_ratio_when_installed(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A stand-in `nam` package (the real one needs PyTorch) proves the side-by-side path."""
    received: list[dict[str, object]] = []

    class _Tensor:
        def __init__(self, data: np.ndarray) -> None:
            self.data = data

        def numpy(self) -> np.ndarray:
            return self.data

    class _Model:
        def eval(self) -> None:
            return None

        def __call__(self, x: _Tensor, pad_start: bool) -> _Tensor:
            assert pad_start
            return _Tensor(np.tanh(x.data))

    def init_from_nam(doc: dict[str, object]) -> _Model:
        received.append(doc)
        return _Model()

    torch = types.ModuleType("torch")
    torch.no_grad = contextlib.nullcontext  # type: ignore[attr-defined]
    torch.from_numpy = _Tensor  # type: ignore[attr-defined]
    nam_pkg = types.ModuleType("nam")
    models = types.ModuleType("nam.models")
    models.init_from_nam = init_from_nam  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "torch", torch)
    monkeypatch.setitem(sys.modules, "nam", nam_pkg)
    monkeypatch.setitem(sys.modules, "nam.models", models)

    lines = _bench_lines(capsys, "0.5", "nano", "0")
    assert "official" in lines[1]
    assert "ratio" in lines[1]
    assert len(lines[2].split()) == 6
    doc = received[0]
    assert doc["architecture"] == "WaveNet"
    config = doc["config"]
    assert isinstance(config, dict)
    assert config["head"] is None
    assert parse_nam(json.dumps(doc | {"version": "0.5.4"}).encode()).size_preset == "nano"
