"""The montage's one lossy encode, run beside the rest of the job: AAC-LC in an ffmpeg process
fed raw samples through a pipe, so it encodes on the other core while this process writes
FLAC, draws pictures and builds the video's frames. The AAC serves twice: as the montage's
M4A download and, made stereo (`aac_stereo`), as the video's sound."""

from __future__ import annotations

import subprocess
import threading
from pathlib import Path

import numpy as np

from gts_engine.aac_stereo import mono_adts_to_stereo
from gts_engine.arrays import Audio
from gts_engine.audio_io import ffmpeg_exe, run_ffmpeg

_QUIET = ["-hide_banner", "-nostdin", "-loglevel", "error", "-y"]
# YouTube's audio: AAC-LC at 48 kHz, encoded mono (the montage is mono: half the work of
# stereo); no noise substitution, whose noise would differ left and right once made stereo
AAC_RATE = 48_000
_AAC = [
    "-c:a", "aac", "-aac_coder", "fast", "-aac_pns", "0", "-b:a", "128k", "-ar", str(AAC_RATE),
    "-f", "adts",
]  # fmt: skip


class AacEncode:
    """The AAC encode of mono `audio` into the ADTS file `path`, started at once; `wait()`
    raises RuntimeError with ffmpeg's last words when it failed.

    One process: encoding halves side by side and joining them where both chose long
    windows measured no faster here, as the other core is busy with the rest of the job.
    """

    def __init__(self, audio: Audio, sample_rate: int, path: Path) -> None:
        self.path = path
        command = [
            ffmpeg_exe(), *_QUIET, "-f", "f32le", "-ar", str(sample_rate), "-ac", "1",
            "-i", "pipe:0", *_AAC, str(path),
        ]  # fmt: skip
        self._process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL
        )
        # the samples' own memory, not a copy: fresh memory is slow to touch on some VMs
        data = np.ascontiguousarray(audio, dtype="<f4").data.cast("B")
        self._feeder = threading.Thread(target=self._feed, args=(data,), daemon=True)
        self._feeder.start()

    def _feed(self, data: memoryview) -> None:
        stdin = self._process.stdin
        assert stdin is not None
        try:
            stdin.write(data)
        except BrokenPipeError:
            pass  # ffmpeg stopped early; wait() reports why
        finally:
            stdin.close()

    def wait(self) -> Path:
        """The mono ADTS file, once ffmpeg finished."""
        self._feeder.join()
        assert self._process.stderr is not None
        errors = self._process.stderr.read().decode(errors="replace")
        if self._process.wait() != 0:
            tail = " | ".join(errors.strip().splitlines()[-3:])
            raise RuntimeError(f"ffmpeg (aac) failed ({self._process.returncode}): {tail}")
        return self.path

    def kill(self) -> None:
        """Stop the encode (the job failed or was cancelled)."""
        self._process.kill()
        self._process.wait()
        self._feeder.join()
        self.path.unlink(missing_ok=True)


def stereo_adts(mono: Path, out_path: Path) -> Path:
    """The mono ADTS file made stereo (both channels decode to it exactly), at `out_path`."""
    out_path.write_bytes(mono_adts_to_stereo(mono.read_bytes()))
    return out_path


def adts_to_m4a(adts: Path, out_path: Path) -> None:
    """The ADTS stream copied into an MP4 audio file (M4A), playable anywhere; nothing is left
    at `out_path` when ffmpeg fails (RuntimeError)."""
    try:
        run_ffmpeg(["-f", "aac", "-i", str(adts), "-c", "copy", "-movflags", "+faststart",
                    str(out_path)])  # fmt: skip
    except RuntimeError:
        out_path.unlink(missing_ok=True)
        raise
