"""What `gts bench render` does: NAM real-time factors per architecture and size (with the
BLAS library and kernel in use), and `gts nam`'s wall time split into its phases."""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import os
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_info  # type: ignore[import-untyped]

from gts_cli import nam_core_bench
from gts_cli.commands.bench_render import KINDS
from gts_cli.nam_command_bench import (
    NamCommandBenchError,
    format_nam_command,
    measure_nam_command,
)
from gts_engine.nam import load_model, run_amp, worker_pool
from gts_engine.nam.parallel import default_workers
from gts_nam import (
    NamFile,
    parse_nam,
    synthesize_a2_container,
    synthesize_convnet,
    synthesize_linear,
    synthesize_nam,
)

RATE = 48_000
# Kinds the official package can run from our config (A1 WaveNet sizes and the LSTM).
OFFICIAL_KINDS = frozenset({"standard", "lite", "feather", "nano", "lstm"})
LINEAR_TAPS = 1_024


@dataclass(frozen=True, slots=True)
class BenchRow:
    """One model's figures: real-time factors (audio seconds per wall second)."""

    kind: str
    weights: int
    ours: float
    ours_one_process: float
    official: float | None


def run(args: argparse.Namespace) -> int:
    """Print the table, then `gts nam`'s phases; 0 on success, 1 if it fails, 2 for bad options."""
    kinds = [k.strip() for k in args.kinds.split(",") if k.strip()]
    unknown = [k for k in kinds if k not in KINDS]
    if unknown or args.seconds <= 0 or args.repeat < 1 or args.nam_seconds < 0:
        reason = (
            f"unknown kind {unknown[0]!r}"
            if unknown
            else "--seconds and --repeat must be > 0, --nam-seconds >= 0"
        )
        print(f"gts bench render: {reason}", file=sys.stderr)
        return 2
    binary = None
    if args.nam_core is not None:
        try:
            binary = _nam_core_binary(args.nam_core, args.nam_seconds)
        except nam_core_bench.NamCoreBenchError as exc:
            print(f"gts bench render: {exc}", file=sys.stderr)
            return 2
    workers = args.workers or default_workers()
    x = guitar_input(args.seconds)
    official = _official_runner()
    print(
        f"input: {args.seconds:g} s at {RATE} Hz, best of {args.repeat}; workers: {workers}; "
        f"{blas_description()}; "
        f"load average: {', '.join(f'{v:.2f}' for v in os.getloadavg())}"
    )
    header = f"{'model':<10}{'weights':>9}{'all cores':>12}{'1 process':>12}"
    header += f"{'official':>12}{'ratio':>9}" if official else "   (official package not installed)"
    print(header)
    with worker_pool(workers) as pool:
        for kind in kinds:
            row = bench_kind(kind, x, args.repeat, workers, pool, official)
            print(_format(row))
    if args.nam_seconds > 0:
        try:
            figures = measure_nam_command(args.nam_seconds, args.workers)
        except NamCommandBenchError as exc:
            print(f"gts bench render: gts nam: {exc}", file=sys.stderr)
            return 1
        print("\n".join(format_nam_command(figures)))
    if binary is not None:
        return _side_by_side(binary, args, workers)
    return 0


def _nam_core_binary(path: Path, audio_seconds: float) -> Path:
    if audio_seconds <= 0:
        raise nam_core_bench.NamCoreBenchError("--nam-core needs --nam-seconds > 0")
    return nam_core_bench.check_binary(path)


def _side_by_side(binary: Path, args: argparse.Namespace, workers: int) -> int:
    """Print NAM Core's render and `gts nam` side by side; 1 if either program fails."""
    try:
        rows = nam_core_bench.measure(binary, args.nam_seconds, args.repeat, args.workers)
    except nam_core_bench.NamCoreBenchError as exc:
        print(f"gts bench render: {exc}", file=sys.stderr)
        return 1
    lines = nam_core_bench.format_side_by_side(
        rows, args.nam_seconds, args.repeat, binary, workers, blas_description()
    )
    print("\n".join(["", *lines]))
    return 0


def guitar_input(seconds: float, seed: int = 0) -> np.ndarray:
    """Plucked harmonic notes with decay and a little noise, about -20 dBFS RMS (float32)."""
    rng = np.random.default_rng(seed)
    n = int(seconds * RATE)
    out = np.zeros(n, np.float32)
    note = RATE // 2
    t = np.arange(note) / RATE
    for start in range(0, n, note):
        freq = rng.choice([82.4, 110.0, 146.8, 196.0, 246.9, 329.6])
        tone = sum(np.sin(2 * np.pi * freq * k * t) / k for k in range(1, 6))
        seg = (0.3 * tone * np.exp(-4.0 * t)).astype(np.float32)
        out[start : start + note] = seg[: n - start]
    out += (0.003 * rng.standard_normal(n)).astype(np.float32)
    return out


def blas_description() -> str:
    """The BLAS numpy uses, e.g. "BLAS: openblas 0.3.27, kernel Zen" (threadpoolctl's view)."""
    found = [i for i in threadpool_info() if i.get("user_api") == "blas"]
    if not found:
        return "BLAS: none found"
    parts = []
    for info in found:
        text = f"{info.get('internal_api', '?')} {info.get('version') or ''}".strip()
        kernel = info.get("architecture")
        parts.append(f"{text}, kernel {kernel}" if kernel else text)
    return "BLAS: " + "; ".join(parts)


def synthesized_model(kind: str) -> NamFile:
    """The bench's model of `kind` (see KINDS), synthesized with seed 0."""
    if kind in ("a2-full", "a2-lite"):
        container = parse_nam(synthesize_a2_container(seed=0))
        return container if kind == "a2-full" else container.with_slim(0.0)
    if kind == "convnet":
        return parse_nam(synthesize_convnet(seed=0))
    if kind == "linear":
        return parse_nam(synthesize_linear(LINEAR_TAPS, seed=0))
    return parse_nam(synthesize_nam(kind, seed=0))


def bench_kind(
    kind: str,
    x: np.ndarray,
    repeat: int,
    workers: int,
    pool: ProcessPoolExecutor,
    official: Callable[[NamFile, np.ndarray], np.ndarray] | None,
) -> BenchRow:
    """Measure one synthesized model (a short warm-up run first: pool start, numba compile)."""
    nam = synthesized_model(kind)
    seconds = x.size / RATE
    warm = x[: RATE * 3]
    run_amp(nam, warm, RATE, workers=workers, pool=pool)
    all_cores = _best(lambda: run_amp(nam, x, RATE, workers=workers, pool=pool), repeat)
    model = load_model(nam)
    model.process(warm)
    one = _best(lambda: model.process(x), repeat)
    theirs = None
    if official is not None and kind in OFFICIAL_KINDS:
        official(nam, warm)
        theirs = seconds / _best(lambda: official(nam, x), repeat)
    return BenchRow(kind, int(nam.weights.size), seconds / all_cores, seconds / one, theirs)


def _best(task: Callable[[], object], repeat: int) -> float:
    """The fastest of `repeat` runs (s): other load on the machine only ever slows a run."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        task()
        times.append(time.perf_counter() - start)
    return min(times)


def _format(row: BenchRow) -> str:
    line = f"{row.kind:<10}{row.weights:>9,}{row.ours:>11.1f}x{row.ours_one_process:>11.1f}x"
    if row.official is not None:
        line += f"{row.official:>11.1f}x{row.ours / row.official:>8.1f}x"
    return line


def _official_runner() -> Callable[[NamFile, np.ndarray], np.ndarray] | None:
    """The official package's `model(x)` when `nam` (neural-amp-modeler) is importable.

    Bench only: the official package is an optional extra and never used elsewhere.
    """
    try:
        torch = importlib.import_module("torch")
        init_from_nam = importlib.import_module("nam.models").init_from_nam
    except (ImportError, AttributeError):
        return None

    def render(nam: NamFile, x: np.ndarray) -> np.ndarray:
        doc = {
            "version": nam.version,
            "architecture": nam.architecture,
            "config": _config_json(nam),
            "weights": nam.weights.tolist(),
            "sample_rate": nam.sample_rate,
        }
        model = init_from_nam(doc)
        model.eval()
        with torch.no_grad():
            out = model(torch.from_numpy(x), pad_start=True)
        return np.asarray(out.numpy(), dtype=np.float32)

    return render


def _config_json(nam: NamFile) -> dict[str, object]:
    raw = dataclasses.asdict(nam.config)
    if nam.architecture == "WaveNet":
        raw["head"] = None
        for layer in raw["layers"]:
            layer["dilations"] = list(layer["dilations"])
    return raw
