"""The files of a render: each chain's passage (and whole DI when asked), the montage as FLAC
and M4A (AAC), pictures, the video with its thumbnail and `youtube.txt`.

The montage's AAC encodes in a process of its own, on the other core while this process writes
FLAC, draws the pictures and builds the video's frames; the same AAC is the M4A and, made
stereo, the video's sound. The files' digests are taken while this process waits for the
encode's last packets.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from gts_engine.arrays import Audio
from gts_engine.audio_io import write_flac
from gts_engine.encode import AacEncode
from gts_engine.metrics import ChainMetrics
from gts_engine.montage import Montage
from gts_engine.pictures import draw_card, plot_spectra
from gts_engine.prepare import PreparedJob, describe_block, describe_levels, slug
from gts_engine.spec import RenderJobSpec
from gts_engine.video import VideoChain, make_thumbnail, video_stream, write_sound, youtube_text


@dataclass(frozen=True, slots=True)
class OutputFile:
    """One written file: path relative to the output folder, what it is, its chain, duration (s)."""

    path: str
    kind: str
    chain: str | None
    duration_seconds: float | None
    bytes: int
    sha256: str
    metrics: ChainMetrics | None = None


@dataclass(frozen=True, slots=True)
class Rendered:
    """What the files are made of: each chain's matched passage (and whole DI), its metrics,
    the montage and the labels shown (names, or letters when blind)."""

    passages: list[Audio]
    fulls: list[Audio | None]
    metrics: list[ChainMetrics]
    montage: Montage
    shown: list[str]


def _file(
    root: Path,
    name: str,
    kind: str,
    chain: str | None = None,
    *,
    seconds: float | None = None,
    metrics: ChainMetrics | None = None,
) -> OutputFile:
    """The file `name` in `root`, its digest not yet taken (`_with_digests`)."""
    size = (root / name).stat().st_size
    return OutputFile(name, kind, chain, seconds, size, "", metrics)


def _with_digests(root: Path, files: list[OutputFile]) -> list[OutputFile]:
    """`files` with their SHA-256."""
    done = []
    for f in files:
        with (root / f.path).open("rb") as data:
            done.append(replace(f, sha256=hashlib.file_digest(data, "sha256").hexdigest()))
    return done


Report = Callable[[str, float], None]


class OutputWriter:
    """Writes a job's files into `work`; adds the seconds of the pictures, montage and video
    stages to `timings`."""

    def __init__(
        self,
        work: Path,
        job: PreparedJob,
        spec: RenderJobSpec,
        rendered: Rendered,
        timings: defaultdict[str, float],
    ) -> None:
        self.work, self.job, self.spec, self.r = work, job, spec, rendered
        self.timings = timings
        self.files: list[OutputFile] = []

    def write(self, report: Report, encode: AacEncode) -> list[OutputFile]:
        """Write every file, saying when the video's stage starts (`report("video", 0.0)`);
        `encode` is the montage's AAC, under way. An encode or mux that fails raises
        RuntimeError."""
        work = self.work
        # what needs no encode first, so the AAC has the other core meanwhile
        self._pictures()
        started = time.perf_counter()
        self._audio()
        self._lap("montage", started)
        stage, video = "montage", None
        if self.spec.options.video:
            stage = "video"
            report(stage, 0.0)
            video = (self._video_stream(), work / "montage.mp4")
        started = time.perf_counter()
        seconds = self.r.montage.audio.shape[0] / self.job.sample_rate
        with ThreadPoolExecutor(1, thread_name_prefix="render-digests") as beside:
            # the digests of what is written, while this thread mostly waits for the encoder
            written = beside.submit(_with_digests, work, self.files)
            # the files with sound, muxed as its packets come (most are there by now)
            write_sound(encode.packets(), work / "montage.m4a", video)
            sound = [_file(work, "montage.m4a", "montage_audio", seconds=seconds)]
            if video is not None:
                sound.append(_file(work, "montage.mp4", "montage_video", seconds=seconds))
            self.files = written.result() + _with_digests(work, sound)
        self._lap(stage, started)
        return self.files

    def _lap(self, stage: str, started: float) -> None:
        self.timings[stage] += time.perf_counter() - started

    def _audio(self) -> None:
        job, r, work = self.job, self.r, self.work
        rate = job.sample_rate
        seconds = r.passages[0].shape[0] / rate
        blind = self.spec.options.blind
        for ci, audio in enumerate(r.passages):
            label = r.shown[ci]
            stem = f"chain-{label}" if blind else f"chain-{ci + 1:02d}-{slug(label)}"
            write_flac(work / f"{stem}.flac", audio, rate)
            self.files.append(
                _file(
                    work,
                    f"{stem}.flac",
                    "chain_audio",
                    label,
                    seconds=seconds,
                    metrics=r.metrics[ci],
                )
            )
            full = r.fulls[ci]
            if full is not None:
                write_flac(work / f"{stem}.full.flac", full, rate)
                self.files.append(
                    _file(
                        work,
                        f"{stem}.full.flac",
                        "chain_full_audio",
                        label,
                        seconds=full.shape[0] / rate,
                    )
                )
        write_flac(work / "montage.flac", r.montage.audio, rate)
        self.files.append(
            _file(work, "montage.flac", "montage_audio", seconds=r.montage.audio.shape[0] / rate)
        )
        if blind and r.montage.blind_key is not None:
            (work / "blind_key.json").write_text(json.dumps(r.montage.blind_key, indent=2) + "\n")
            self.files.append(_file(work, "blind_key.json", "blind_key"))

    def colours(self) -> list[int]:
        """Each chain's accent: chain order, or letter order when blind, so no picture tells
        which letter is the chain at which place."""
        shown = self.r.shown
        if not self.spec.options.blind:
            return list(range(len(shown)))
        order = sorted(range(len(shown)), key=lambda ci: shown[ci])
        colour = {ci: n for n, ci in enumerate(order)}
        return [colour[ci] for ci in range(len(shown))]

    def _lines(self, ci: int) -> list[str]:
        if self.spec.options.blind:
            return []
        chain = self.job.chains[ci]
        lines = [describe_block(b) for b in chain.blocks]
        if describe_levels(chain):
            lines.append(describe_levels(chain))
        return lines

    def _pictures(self) -> None:
        if not self.spec.options.pictures:
            return
        started = time.perf_counter()
        r, work, blind = self.r, self.work, self.spec.options.blind
        colours = self.colours()
        footer = "Blind comparison: which one is which?" if blind else f"DI: {self.job.di_name}"
        for ci, label in enumerate(r.shown):
            name = f"card-{label}.png" if blind else f"card-{ci + 1:02d}-{slug(label)}.png"
            draw_card(
                work / name,
                colours[ci],
                label,
                self._lines(ci),
                None if blind else r.metrics[ci],
                footer,
            )
            self.files.append(_file(work, name, "card", label))
        order = sorted(range(len(r.shown)), key=lambda ci: colours[ci])
        plot_spectra(
            work / "spectrum.png", [r.shown[ci] for ci in order], [r.metrics[ci] for ci in order]
        )
        self.files.append(_file(work, "spectrum.png", "spectrum_plot"))
        self.timings["pictures"] += time.perf_counter() - started

    def _video_chains(self) -> list[VideoChain]:
        colours = self.colours()
        shown = self.r.shown
        return [VideoChain(label, self._lines(ci), colours[ci]) for ci, label in enumerate(shown)]

    def _title(self) -> str:
        return self.spec.title or f"Tone shootout: {self.job.di_name}"

    def _video_stream(self) -> bytes:
        """The video's frames (they need no audio: made while the AAC encodes), its
        thumbnail and `youtube.txt`."""
        started = time.perf_counter()
        r, work, rate = self.r, self.work, self.job.sample_rate
        chains, title = self._video_chains(), self._title()
        stream = video_stream(
            title, chains, r.passages, r.montage.timeline, rate, r.passages[0].shape[0],
            r.montage.audio.shape[0] / rate, blind=self.spec.options.blind,
        )  # fmt: skip
        make_thumbnail(title, chains, work / "thumbnail.jpg")
        self.files.append(_file(work, "thumbnail.jpg", "thumbnail"))
        text = youtube_text(title, chains, r.montage.timeline, rate)
        (work / "youtube.txt").write_text(text, encoding="utf-8")
        self.files.append(_file(work, "youtube.txt", "youtube_text"))
        self._lap("video", started)
        return stream
