"""`gts nam` side by side with NAM Core's C++ `render` tool, measured in the same run on the
same inputs: both as whole processes over one synthesized DI, the best of a few runs each."""

from __future__ import annotations

import os
import platform
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile as sf

from gts_cli.nam_command_bench import NamCommandBenchError, time_nam_command
from gts_cli.synth_di import di_wav_bytes
from gts_nam import synthesize_a2_container, synthesize_nam

# NAM Core runs on one thread; these keep Eigen (OpenMP) and any BLAS from starting more.
ONE_THREAD = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


@dataclass(frozen=True, slots=True)
class SideBySideModel:
    """One row: a label, the .nam file's bytes and the slim value both programs get."""

    label: str
    file_name: str
    synthesize: Callable[[], bytes]
    slim: float | None


MODELS = (
    SideBySideModel("A1 standard", "a1.nam", lambda: synthesize_nam("standard", seed=0), None),
    SideBySideModel("A2 full", "a2.nam", lambda: synthesize_a2_container(seed=0), 1.0),
    SideBySideModel("A2 lite", "a2.nam", lambda: synthesize_a2_container(seed=0), 0.0),
    SideBySideModel("LSTM", "lstm.nam", lambda: synthesize_nam("lstm", seed=0), None),
)


class NamCoreBenchError(RuntimeError):
    """The NAM Core binary is unusable or failed, or `gts nam` failed; a one-line message."""


@dataclass(frozen=True, slots=True)
class SideBySideRow:
    """One model's whole-process wall times (s) and the largest output difference; when NAM
    Core could not run the model (a build without its architecture), why, and `gts nam`'s
    time alone."""

    label: str
    nam_core: float | None
    gts: float
    max_difference: float | None
    nam_core_failed: str = ""


def check_binary(path: Path) -> Path:
    """`path` resolved, if it is an executable file; NamCoreBenchError otherwise."""
    if not path.is_file():
        raise NamCoreBenchError(f"--nam-core: {path} is not a file")
    if not os.access(path, os.X_OK):
        raise NamCoreBenchError(f"--nam-core: {path} is not executable")
    return path.resolve()


def measure(
    binary: Path, audio_seconds: float, repeat: int, workers: int | None
) -> list[SideBySideRow]:
    """Time NAM Core's `render` and `gts nam` on every model of MODELS over one synthesized
    DI of `audio_seconds`, alternating the two programs; the best of `repeat` runs counts.

    A model NAM Core fails on gets a row without its figures; NamCoreBenchError when it fails
    on every model, or `gts nam` on any."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="gts-bench-nam-core-") as tmp:
        folder = Path(tmp)
        source = folder / "di.wav"
        source.write_bytes(di_wav_bytes(audio_seconds))
        for model in MODELS:
            path = folder / model.file_name
            if not path.exists():
                path.write_bytes(model.synthesize())
            theirs, ours = folder / "nam_core.wav", folder / "gts.wav"
            core_times, gts_times, failed = [], [], ""
            for _ in range(repeat):
                if not failed:
                    try:
                        core_times.append(run_nam_core(binary, path, source, theirs, model))
                    except NamCoreBenchError as exc:
                        failed = str(exc)
                try:
                    gts_times.append(time_nam_command(path, source, ours, workers, model.slim)[0])
                except NamCommandBenchError as exc:
                    raise NamCoreBenchError(f"gts nam failed on {model.label}: {exc}") from None
            if failed:
                rows.append(SideBySideRow(model.label, None, min(gts_times), None, failed))
            else:
                difference = _max_difference(theirs, ours)
                rows.append(SideBySideRow(model.label, min(core_times), min(gts_times), difference))
    if all(row.nam_core_failed for row in rows):
        raise NamCoreBenchError(rows[0].nam_core_failed)
    return rows


def run_nam_core(
    binary: Path, model_path: Path, source: Path, output: Path, model: SideBySideModel
) -> float:
    """One whole-process run of `render [--slim S] MODEL INPUT OUTPUT` on one thread (s)."""
    command = [str(binary), *(["--slim", repr(model.slim)] if model.slim is not None else [])]
    command += [str(model_path), str(source), str(output)]
    output.unlink(missing_ok=True)
    started = time.perf_counter()
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, check=False, env=os.environ | ONE_THREAD
        )
    except OSError as exc:
        raise NamCoreBenchError(f"NAM Core: {binary} cannot run ({exc.strerror})") from None
    wall = time.perf_counter() - started
    if result.returncode != 0 or not output.is_file():
        lines = (result.stderr or result.stdout).strip().splitlines()
        why = lines[-1] if lines else f"exit status {result.returncode}, no output file"
        raise NamCoreBenchError(f"NAM Core: {binary} failed on {model.label}: {why}")
    return wall


def _max_difference(theirs: Path, ours: Path) -> float:
    """The largest absolute sample difference of the two outputs (inf if lengths differ)."""
    a, _ = sf.read(str(theirs), dtype="float32", always_2d=True)
    b, _ = sf.read(str(ours), dtype="float32", always_2d=True)
    if a.shape[0] != b.shape[0]:
        return float("inf")
    return float(np.max(np.abs(a[:, 0] - b[:, 0]), initial=0.0))


def cpu_model(cpuinfo: Path = Path("/proc/cpuinfo")) -> str:
    """The CPU's model name (Linux /proc/cpuinfo), else what the platform reports."""
    try:
        for line in cpuinfo.read_text().splitlines():
            key, _, value = line.partition(":")
            if key.strip() == "model name" and value.strip():
                return value.strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown"


def format_side_by_side(
    rows: list[SideBySideRow],
    audio_seconds: float,
    repeat: int,
    binary: Path,
    workers: int,
    blas: str,
) -> list[str]:
    """The heading (inputs, CPU, BLAS) and one line per model: both wall times and real-time
    factors, their ratio (above 1: `gts nam` is faster) and the largest output difference."""
    lines = [
        f"NAM Core side by side: {binary} (1 thread) vs gts nam ({workers} worker"
        f"{'s' if workers != 1 else ''}), whole "
        f"processes over a {audio_seconds:g} s synthesized DI at 48 kHz, best of {repeat}",
        f"CPU: {cpu_model()}; {blas}",
        f"{'model':<13}{'NAM Core':>10}{'x':>8}{'gts nam':>10}{'x':>8}{'gts/core':>10}"
        f"{'max diff':>11}",
    ]
    for row in rows:
        gts_x = audio_seconds / row.gts
        if row.nam_core is None or row.max_difference is None:
            lines.append(
                f"{row.label:<13}{'-':>10}{'-':>8}{row.gts:>9.2f}s{gts_x:>7.1f}x"
                f"  ({row.nam_core_failed})"
            )
            continue
        core_x = audio_seconds / row.nam_core
        lines.append(
            f"{row.label:<13}{row.nam_core:>9.2f}s{core_x:>7.1f}x{row.gts:>9.2f}s{gts_x:>7.1f}x"
            f"{gts_x / core_x:>9.2f}x{row.max_difference:>11.1e}"
        )
    return lines
