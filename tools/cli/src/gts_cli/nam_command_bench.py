"""`gts nam` timed as a user runs it: a subprocess over a synthesized DI, its wall time split
into the phases the command reports with `--timings`."""

from __future__ import annotations

import json
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from gts_cli.stack.processes import venv_bin
from gts_cli.synth_di import di_wav_bytes
from gts_nam import synthesize_nam

# The phases `gts nam --timings` reports, in order, with the words the bench prints.
PHASES = {
    "imports": "imports",
    "model_load": "model load",
    "read_input": "reading the input",
    "engine": "engine",
    "write": "writing",
}


class NamCommandBenchError(RuntimeError):
    """`gts nam` failed or did not report its phases; the message is its last line."""


@dataclass(frozen=True, slots=True)
class NamCommandFigures:
    """One run of `gts nam`: input length, wall time and phases, all in seconds."""

    kind: str
    audio_seconds: float
    wall: float
    phases: dict[str, float]

    @property
    def startup(self) -> float:
        """Wall time outside the reported phases: interpreter start, `gts` parsing, exit (s)."""
        return max(0.0, self.wall - self.phases["total"])


def measure_nam_command(
    audio_seconds: float, workers: int | None = None, kind: str = "standard"
) -> NamCommandFigures:
    """Run `gts nam --timings` over `audio_seconds` of synthesized DI with a synthesized
    A1 `kind` model, in a subprocess, and return its wall time and phases."""
    with tempfile.TemporaryDirectory(prefix="gts-bench-nam-") as tmp:
        folder = Path(tmp)
        model = folder / f"{kind}.nam"
        model.write_bytes(synthesize_nam(kind, seed=0))
        source = folder / "di.wav"
        source.write_bytes(di_wav_bytes(audio_seconds))
        wall, phases = time_nam_command(model, source, folder / "out.wav", workers)
    return NamCommandFigures(kind, audio_seconds, wall, phases)


def time_nam_command(
    model: Path,
    source: Path,
    output: Path,
    workers: int | None = None,
    slim: float | None = None,
) -> tuple[float, dict[str, float]]:
    """Run `gts nam MODEL SOURCE -o OUTPUT --timings` (with `--slim` when given) as a
    subprocess; return its whole-process wall time (s) and the phases it reported (s)."""
    command = [venv_bin("gts"), "nam", str(model), str(source), "-o", str(output), "--timings"]
    command += ["--workers", str(workers)] if workers else []
    command += ["--slim", repr(slim)] if slim is not None else []
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    lines = result.stderr.strip().splitlines()
    if result.returncode != 0 or not lines:
        raise NamCommandBenchError(lines[-1] if lines else f"gts nam exited {result.returncode}")
    try:
        phases = {str(k): float(v) for k, v in json.loads(lines[-1]).items()}
    except (ValueError, AttributeError):
        raise NamCommandBenchError(f"gts nam --timings printed {lines[-1]!r}") from None
    return wall, phases


def format_nam_command(figures: NamCommandFigures) -> list[str]:
    """The heading and one line per phase: seconds and share of the wall time."""
    wall = figures.wall
    rows = [("start-up and exit", figures.startup)]
    rows += [(label, figures.phases.get(key, 0.0)) for key, label in PHASES.items()]
    lines = [
        f"gts nam, A1 {figures.kind} over {figures.audio_seconds:g} s (a subprocess): "
        f"{wall:.2f} s wall, {figures.audio_seconds / wall:.1f}x real time"
    ]
    lines += [f"  {label:<20}{seconds:>8.2f} s{seconds / wall:>6.0%}" for label, seconds in rows]
    return lines
